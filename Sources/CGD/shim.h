#include <gd.h>
#include <gd_errors.h>
#include <gdfontg.h>
