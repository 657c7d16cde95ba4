/*===- uk_q8_0.c - q8_0 weight microkernels -----------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layout and summation order.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(q8_0, UK_Q8_0, void)
