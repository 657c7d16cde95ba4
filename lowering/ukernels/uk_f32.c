/*===- uk_f32.c - f32 weight microkernels -------------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layout and summation order.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(f32, UK_F32, float)
