/*===- uk_kquants.c - q4_K / q6_K weight microkernels -------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the layouts and summation order: a 256-value
 * super-block is 8 blocks of 32 in the order of every other format, with
 * its scales decoded once per row and super-block (uk_kquant_scales).
 *===----------------------------------------------------------------------===*/

#include "uk_tile.h"

UK_DEFINE_KERNELS(q4_k, UK_Q4_K, void)
UK_DEFINE_KERNELS(q6_k, UK_Q6_K, void)
UK_DEFINE_GATHER(q4_k, UK_Q4_K)
UK_DEFINE_GATHER(q6_k, UK_Q6_K)
