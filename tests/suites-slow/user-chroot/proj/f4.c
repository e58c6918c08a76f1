#include "proj.h"
int f4(int x) { int s = 0; for (int i = 0; i < x; i++) s += i * 4; return s; }
