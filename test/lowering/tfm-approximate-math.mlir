// RUN: sinkc-opt --tfm-approximate-math %s | FileCheck %s

// SwiGLU's exp and GELU's tanh / erf become inline arithmetic (no libm
// call); rope's sin and cos stay (their arguments grow with the position).
// CHECK-LABEL: func.func @elementwise
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK: math.sin
// CHECK: math.cos
// CHECK-NOT: math.exp
func.func @elementwise(%x: f32) -> (f32, f32, f32, f32, f32) {
  %e = math.exp %x : f32
  %t = math.tanh %x : f32
  %r = math.erf %x : f32
  %s = math.sin %x : f32
  %c = math.cos %x : f32
  return %e, %t, %r, %s, %c : f32, f32, f32, f32, f32
}
