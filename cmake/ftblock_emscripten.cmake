# Settings every Emscripten build of ftblock needs, whichever way it is configured (the `wasm`
# preset, or a plain -DCMAKE_TOOLCHAIN_FILE=.../Emscripten.cmake). Works around the traps of
# Debian's Emscripten 3.1.6 listed in docs/toolchain.md#emscripten-316. Included from the root CMakeLists.txt.
if(NOT EMSCRIPTEN)
  return()
endif()

# em++'s JS optimizer (acorn-optimizer.js, run when linking at -O1 and up) requires `acorn`
# from Debian's node modules. The preset puts NODE_PATH in the environment; the link launcher
# makes builds configured without the preset (or built from a shell without it) work too.
set(FTBLOCK_NODE_MODULES "/usr/share/nodejs" CACHE PATH "Folder holding Debian's acorn for em++")
if(NOT DEFINED CMAKE_CXX_LINKER_LAUNCHER AND EXISTS "${FTBLOCK_NODE_MODULES}/acorn")
  set(node_path "${FTBLOCK_NODE_MODULES}")
  if(DEFINED ENV{NODE_PATH} AND NOT "$ENV{NODE_PATH}" STREQUAL "")
    string(APPEND node_path ":$ENV{NODE_PATH}")
  endif()
  set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=${node_path}")
elseif(NOT EXISTS "${FTBLOCK_NODE_MODULES}/acorn")
  message(WARNING "${FTBLOCK_NODE_MODULES}/acorn not found: em++ may fail to link at -O1 and "
                  "up (install Debian's emscripten package, or set FTBLOCK_NODE_MODULES)")
endif()

# CTest runs the emitted .js under node. Node 18+ has `fetch`, which 3.1.6's loader then tries
# on a file path and fails: --no-experimental-fetch makes it read the .wasm from disk.
# Emscripten.cmake sets the emulator to plain node (unless already defined); add the flag.
if(CMAKE_CROSSCOMPILING_EMULATOR)
  list(GET CMAKE_CROSSCOMPILING_EMULATOR 0 emulator)
  get_filename_component(emulator_name "${emulator}" NAME)
  if(emulator_name MATCHES "^node(js)?$" AND NOT "--no-experimental-fetch" IN_LIST CMAKE_CROSSCOMPILING_EMULATOR)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CROSSCOMPILING_EMULATOR};--no-experimental-fetch"
        CACHE STRING "Runs the emitted .js test programs" FORCE)
  endif()
else()
  message(WARNING "node not found: the wasm tests cannot run (install nodejs)")
endif()
message(STATUS "ftblock: wasm tests run with: ${CMAKE_CROSSCOMPILING_EMULATOR}")
