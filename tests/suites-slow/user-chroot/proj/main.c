#include <stdio.h>
#include "proj.h"
int main(void) { printf("proj %d\n", f1(10) + f2(10) + f3(10) + f4(10)); return 0; }
