/*===- uk_q4_0.c - q4_0 weight microkernels -----------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layout and summation order.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(q4_0, UK_Q4_0, void)
UK_DEFINE_GATHER(q4_0, UK_Q4_0)
