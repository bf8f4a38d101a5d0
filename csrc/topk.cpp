#include "topk.h"
