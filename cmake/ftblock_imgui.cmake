# Dear ImGui 1.86 as the target `imgui`, from Debian in both worlds (TOOLCHAIN.md):
#   native: libimgui-dev's headers (/usr/include/imgui) and static library, which needs -lstb;
#   wasm:   the sources of Debian's source package, fetched by scripts/setup.sh into
#           third_party/imgui-1.86+ds (never committed), compiled here with the WebGL2 backend.
# Sets FTBLOCK_HAVE_IMGUI; when ImGui is missing, says why and leaves the target undefined, so
# the core, the CLI and their tests still build.
# Both worlds include as <imgui.h> and <imgui_stdlib.h> (and <imgui_impl_opengl3.h> in wasm).

set(FTBLOCK_HAVE_IMGUI OFF)

if(EMSCRIPTEN)
  set(FTBLOCK_IMGUI_DIR "${PROJECT_SOURCE_DIR}/third_party/imgui-1.86+ds"
      CACHE PATH "Dear ImGui 1.86 sources (apt-get source imgui; scripts/setup.sh fetches them)")
  if(NOT EXISTS "${FTBLOCK_IMGUI_DIR}/imgui.cpp")
    message(STATUS "ftblock: Dear ImGui sources not found in ${FTBLOCK_IMGUI_DIR}: "
                   "the browser form is skipped (run scripts/setup.sh to fetch them)")
    return()
  endif()
  add_library(imgui STATIC
    "${FTBLOCK_IMGUI_DIR}/imgui.cpp"
    "${FTBLOCK_IMGUI_DIR}/imgui_draw.cpp"
    "${FTBLOCK_IMGUI_DIR}/imgui_widgets.cpp"
    "${FTBLOCK_IMGUI_DIR}/imgui_tables.cpp"
    "${FTBLOCK_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp"
    "${FTBLOCK_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  target_include_directories(imgui SYSTEM PUBLIC
    "${FTBLOCK_IMGUI_DIR}" "${FTBLOCK_IMGUI_DIR}/misc/cpp" "${FTBLOCK_IMGUI_DIR}/backends")
  target_compile_definitions(imgui PUBLIC
    IMGUI_IMPL_OPENGL_ES3          # WebGL2 = GLES 3.0: "#version 300 es" shaders, vertex arrays
    IMGUI_DISABLE_FILE_FUNCTIONS   # no imgui.ini, fonts come from memory: no file system linked in
    IMGUI_DISABLE_METRICS_WINDOW)  # debug tools are dead weight in the shipped wasm
  # Third-party code: its warnings are not ours to fix (and must not fail FTBLOCK_WERROR).
  target_compile_options(imgui PRIVATE -w ${FTBLOCK_WASM_SIZE_FLAGS})
  set(FTBLOCK_HAVE_IMGUI ON)
else()
  find_path(FTBLOCK_IMGUI_INCLUDE_DIR imgui.h PATH_SUFFIXES imgui)
  find_library(FTBLOCK_IMGUI_LIBRARY NAMES libimgui.a imgui)
  find_library(FTBLOCK_STB_LIBRARY stb)
  if(NOT FTBLOCK_IMGUI_INCLUDE_DIR OR NOT FTBLOCK_IMGUI_LIBRARY OR NOT FTBLOCK_STB_LIBRARY
     OR NOT EXISTS "${FTBLOCK_IMGUI_INCLUDE_DIR}/imgui_stdlib.h")
    message(STATUS "ftblock: Dear ImGui (libimgui-dev, libstb-dev) not found: the form's "
                   "native library is skipped (run scripts/setup.sh)")
    return()
  endif()
  add_library(imgui STATIC IMPORTED)
  set_target_properties(imgui PROPERTIES
    IMPORTED_LOCATION "${FTBLOCK_IMGUI_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${FTBLOCK_IMGUI_INCLUDE_DIR}"    # imported: SYSTEM includes
    INTERFACE_LINK_LIBRARIES "${FTBLOCK_STB_LIBRARY}")             # Debian builds it against libstb
  set(FTBLOCK_HAVE_IMGUI ON)
endif()
