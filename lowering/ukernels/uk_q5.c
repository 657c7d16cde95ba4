/*===- uk_q5.c - q5_0 / q5_1 weight microkernels ------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layouts and summation order.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(q5_0, UK_Q5_0, void)
UK_DEFINE_KERNELS(q5_1, UK_Q5_1, void)
UK_DEFINE_GATHER(q5_0, UK_Q5_0)
UK_DEFINE_GATHER(q5_1, UK_Q5_1)
