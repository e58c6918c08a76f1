int f1(int x);
int f2(int x);
int f3(int x);
int f4(int x);
