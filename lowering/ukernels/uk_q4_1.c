/*===- uk_q4_1.c - q4_1 weight microkernels -----------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layout and summation order.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(q4_1, UK_Q4_1, void)
