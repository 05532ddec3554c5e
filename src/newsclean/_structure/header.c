/* The native header pass: the same as newsclean/header.py (the reference), over a page held in C arrays. */
#include "structure.h"

int nc_header_setup(PyObject *module)
{
    (void)module;
    return 0;
}

PyMethodDef nc_header_methods[] = {
    {NULL, NULL, 0, NULL},
};
