# lit configuration for sinkc: every .mlir file under test/ is a test.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SINKC"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unittests", "python", "robustness", "fuzz", "codegen", "ukernels", "runtime", "importers", "oracle"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.sinkc_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%sinkc_src_root", config.sinkc_src_root))
config.substitutions.append(("%python", config.python_executable))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.sinkc_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["sinkc-opt", "sinkc", "sinkrt-toy-package"], tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# GPU drivers are loaded at run time; tests of their absence need a host without them.
import ctypes.util
if not ctypes.util.find_library("cuda") and not ctypes.util.find_library("amdhip64"):
    config.available_features.add("no-gpu-driver")

# The GPU toolchains the compiler drives (no GPU needed): ptxas for cubins,
# the ROCm device libraries (through the build's toolkit layout) for HSACOs.
_cuda = os.environ.get("SINKC_CUDA_PATH", "/usr/local/cuda")
if os.access(os.path.join(_cuda, "bin", "ptxas"), os.X_OK):
    config.available_features.add("ptxas")
if os.path.exists(os.path.join(config.sinkc_obj_root, "lib", "rocm-toolkit", "amdgcn", "bitcode",
                               "ockl.bc")):
    config.available_features.add("rocm-device-libs")
llvm_config.with_system_environment(["SINKC_CUDA_PATH", "SINKC_ROCM_TOOLKIT"])
