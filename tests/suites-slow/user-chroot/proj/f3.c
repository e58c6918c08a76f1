#include "proj.h"
int f3(int x) { int s = 0; for (int i = 0; i < x; i++) s += i * 3; return s; }
