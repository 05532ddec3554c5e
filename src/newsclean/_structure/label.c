/* The native label pass: the same as newsclean/label.py (the reference), over a page held in C arrays. */
#include "structure.h"

int nc_label_setup(PyObject *module)
{
    (void)module;
    return 0;
}

PyMethodDef nc_label_methods[] = {
    {NULL, NULL, 0, NULL},
};
