#include "proj.h"
int f2(int x) { int s = 0; for (int i = 0; i < x; i++) s += i * 2; return s; }
