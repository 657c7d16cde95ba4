/*===- uk_bf16.c - bf16 weight microkernels -----------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layout and summation order. The bf16
 * embedding gather lives in uk_embedding.c.
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(bf16, UK_BF16, void)
