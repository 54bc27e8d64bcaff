# cmake -DSOURCE_DIR=<repository root> -P check_layering.cmake — the layering rules of
# CONTRIBUTING.md#layering, as a test. Fails, naming each offending file, when
#   1. a file under core/ includes a header kept out of the core (UI, Emscripten, GL,
#      streams/files, clock, threads);
#   2. a file of core/, cli/, validator/ or web/ includes <nlohmann/...> but is not one of the
#      chosen doors below. Never a public header (core/include/), never cli/ or validator/:
#      nlohmann is slow to compile and throws (docs/toolchain.md#build-cost).
# (-DCORE_DIR=<core folder>, the older form, still works: SOURCE_DIR is its parent.)
cmake_policy(VERSION 3.25)  # IN_LIST and friends in script mode
set(nlohmann_allowed
    core/src/json_io.cpp  # the core's one door: the playbook data, the JSON Schema
    web/app.cpp           # the stored form's meta data
    web/drafts.cpp)       # drafts, backup and import as JSON

if(NOT SOURCE_DIR AND CORE_DIR)
  get_filename_component(SOURCE_DIR "${CORE_DIR}" DIRECTORY)
endif()
if(NOT SOURCE_DIR OR NOT IS_DIRECTORY "${SOURCE_DIR}/core")
  message(FATAL_ERROR "check_layering: pass -DSOURCE_DIR=<repository root> (no core/ in '${SOURCE_DIR}')")
endif()

# 1. What the core must not include.
file(GLOB_RECURSE files "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.hpp" "${SOURCE_DIR}/core/*.cpp")
set(pattern "#[ \t]*include[ \t]*[<\"](imgui[^>\"]*|emscripten[^>\"]*|GLFW/[^>\"]*|SDL[^>\"]*|GL/[^>\"]*|iostream|fstream|filesystem|chrono|ctime|time\\.h|thread|mutex|future)[>\"]")
set(bad "")
foreach(f IN LISTS files)
  file(STRINGS "${f}" lines REGEX "${pattern}")
  foreach(l IN LISTS lines)
    list(APPEND bad "${f}: ${l}")
  endforeach()
endforeach()
list(LENGTH files n)
if(n EQUAL 0)
  message(FATAL_ERROR "no files found under ${SOURCE_DIR}/core")
endif()
if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "core/ includes forbidden headers:\n${text}")
endif()
message(STATUS "core layering: ${n} files checked, none includes a forbidden header")

# 2. Who may include nlohmann/json.
set(sources "")
foreach(dir core cli validator web)
  file(GLOB_RECURSE found "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.hpp" "${SOURCE_DIR}/${dir}/*.cpp")
  list(APPEND sources ${found})
endforeach()
set(json_pattern "#[ \t]*include[ \t]*[<\"]nlohmann/[^>\"]*[>\"]")
set(bad "")
set(doors "")
foreach(f IN LISTS sources)
  file(STRINGS "${f}" lines REGEX "${json_pattern}")
  if(NOT lines)
    continue()
  endif()
  file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
  list(GET lines 0 first)
  if(rel MATCHES "^core/include/")
    list(APPEND bad "${rel}: ${first}  <- a public header of the core must not include nlohmann")
  elseif(rel MATCHES "^(cli|validator)/")
    list(APPEND bad "${rel}: ${first}  <- cli/ and validator/ never include nlohmann (use the core's API)")
  elseif(NOT rel IN_LIST nlohmann_allowed)
    list(APPEND bad "${rel}: ${first}  <- not one of the files allowed to include nlohmann")
  else()
    list(APPEND doors "${rel}")
  endif()
endforeach()
list(LENGTH sources n)
if(bad)
  list(JOIN bad "\n  " text)
  list(JOIN nlohmann_allowed ", " allowed)
  message(FATAL_ERROR "nlohmann/json included outside its doors:\n  ${text}\n"
                      "Allowed: ${allowed} (tests/check_layering.cmake; CONTRIBUTING.md#layering).")
endif()
list(JOIN doors ", " text)
message(STATUS "nlohmann layering: ${n} files of core/, cli/, validator/, web/ checked; included only by: ${text}")
