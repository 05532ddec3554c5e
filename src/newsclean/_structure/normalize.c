/* The native normalize pass: the same as newsclean/normalize.py (the reference), over a page held in C arrays. */
#include "structure.h"

int nc_normalize_setup(PyObject *module)
{
    (void)module;
    return 0;
}

PyMethodDef nc_normalize_methods[] = {
    {NULL, NULL, 0, NULL},
};
