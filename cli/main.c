#include <stdio.h>
int main(void) { puts("juesuan"); return 0; }
