#include "proj.h"
int f1(int x) { int s = 0; for (int i = 0; i < x; i++) s += i * 1; return s; }
