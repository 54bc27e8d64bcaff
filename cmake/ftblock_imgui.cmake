# Dear ImGui 1.86 as the target `imgui`, from Debian in both worlds (docs/toolchain.md#packages):
#   native: libimgui-dev's headers (/usr/include/imgui) and static library, which needs -lstb;
#   wasm:   the sources of Debian's source package, fetched by scripts/setup.sh into
#           third_party/imgui-1.86+ds (never committed), compiled here with the WebGL2 backend —
#           from a patched copy (below): glyphs come from the browser on demand (docs/fonts.md).
# Sets FTBLOCK_HAVE_IMGUI; when ImGui is missing, says why and leaves the target undefined, so
# the core, the CLI and their tests still build.
# Both worlds include as <imgui.h> and <imgui_stdlib.h> (and <imgui_impl_opengl3.h> in wasm).

set(FTBLOCK_HAVE_IMGUI OFF)

# In `text`, replaces `old` (which must occur exactly once) by `new`: a patch that no longer
# applies stops the configure instead of silently building an unpatched ImGui.
function(ftblock_imgui_patch text_var old new what)
  set(text "${${text_var}}")
  string(FIND "${text}" "${old}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "ftblock: cannot patch Dear ImGui (${what}): the expected code is not in "
                        "${FTBLOCK_IMGUI_DIR}; is it 1.86? See cmake/ftblock_imgui.cmake.")
  endif()
  string(LENGTH "${old}" old_length)
  math(EXPR after "${at} + ${old_length}")
  string(SUBSTRING "${text}" ${after} -1 rest)
  string(FIND "${rest}" "${old}" again)
  if(NOT again EQUAL -1)
    message(FATAL_ERROR "ftblock: cannot patch Dear ImGui (${what}): the code occurs twice")
  endif()
  string(REPLACE "${old}" "${new}" text "${text}")
  set(${text_var} "${text}" PARENT_SCOPE)
endfunction()

# Writes `content` to `path` only when it differs (no rebuild after every configure).
function(ftblock_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()

if(EMSCRIPTEN)
  set(FTBLOCK_IMGUI_DIR "${PROJECT_SOURCE_DIR}/third_party/imgui-1.86+ds"
      CACHE PATH "Dear ImGui 1.86 sources (apt-get source imgui; scripts/setup.sh fetches them)")
  if(NOT EXISTS "${FTBLOCK_IMGUI_DIR}/imgui.cpp")
    message(STATUS "ftblock: Dear ImGui sources not found in ${FTBLOCK_IMGUI_DIR}: "
                   "the browser form is skipped (run scripts/setup.sh to fetch them)")
    return()
  endif()

  # The browser draws every character with its own fonts (web/platform/fonts.cpp): a glyph is
  # rasterised the first time ImGui measures or draws its code point. ImGui 1.86 has no hook for
  # a missing glyph, so the sources are copied into the build tree (quoted includes must find
  # the patched imgui.h next to each .cpp) with these changes:
  #   1. ImFont::FindGlyph: a code point without a glyph asks ftblock_glyph_miss() (which has
  #      the browser draw it) instead of returning the fallback glyph;
  #   2. ImFont::GetCharAdvance, and the two inlined copies of it in CalcTextSizeA and
  #      CalcWordWrapPositionA: a negative advance (not measured yet) or a code point beyond
  #      the table asks ftblock_advance_miss() (which only measures: text that is measured but
  #      never drawn takes no room in the atlas);
  #   3. ImFont::RenderText snaps the text's origin, and each glyph's pen position, to device
  #      pixels (advances are the browser's, fractional: the text is as wide as the browser
  #      makes it, whatever the scale, and each glyph is still crisp); and advances over a
  #      character wholly outside the clip rectangle by its advance alone (the rest of a long
  #      line scrolled out of a field is not drawn into the atlas);
  #   4. ImFontAtlas::Build does nothing (fonts.cpp sets the atlas up): stb_truetype and the
  #      embedded ProggyClean font are then unreferenced and left out of the wasm (~15 KB gzip).
  # IMGUI_USER_CONFIG (web/platform/imgui_config.h) declares the hook and turns on 32-bit
  # ImWchar (emoji and CJK Extension B are beyond 16 bits).
  set(patched "${CMAKE_BINARY_DIR}/imgui-1.86-ftblock")
  set(copied imgui.cpp imgui_widgets.cpp imgui_tables.cpp imgui_internal.h imconfig.h
      imstb_rectpack.h imstb_textedit.h imstb_truetype.h
      misc/cpp/imgui_stdlib.cpp misc/cpp/imgui_stdlib.h
      backends/imgui_impl_opengl3.cpp backends/imgui_impl_opengl3.h backends/imgui_impl_opengl3_loader.h)
  foreach(f IN LISTS copied)
    configure_file("${FTBLOCK_IMGUI_DIR}/${f}" "${patched}/${f}" COPYONLY)
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               "${FTBLOCK_IMGUI_DIR}/imgui.h" "${FTBLOCK_IMGUI_DIR}/imgui_draw.cpp")

  file(READ "${FTBLOCK_IMGUI_DIR}/imgui.h" imgui_h)
  ftblock_imgui_patch(imgui_h
    "float                       GetCharAdvance(ImWchar c) const     { return ((int)c < IndexAdvanceX.Size) ? IndexAdvanceX[(int)c] : FallbackAdvanceX; }"
    "float                       GetCharAdvance(ImWchar c) const     { return ((int)c < IndexAdvanceX.Size && IndexAdvanceX.Data[(int)c] >= 0.0f) ? IndexAdvanceX.Data[(int)c] : ftblock_advance_miss(this, (unsigned int)c); } // ftblock: glyphs on demand"
    "GetCharAdvance")
  ftblock_write_if_changed("${patched}/imgui.h" "${imgui_h}")

  file(READ "${FTBLOCK_IMGUI_DIR}/imgui_draw.cpp" imgui_draw)
  ftblock_imgui_patch(imgui_draw
    "const ImFontGlyph* ImFont::FindGlyph(ImWchar c) const
{
    if (c >= (size_t)IndexLookup.Size)
        return FallbackGlyph;
    const ImWchar i = IndexLookup.Data[c];
    if (i == (ImWchar)-1)
        return FallbackGlyph;
    return &Glyphs.Data[i];
}"
    "const ImFontGlyph* ImFont::FindGlyph(ImWchar c) const
{
    if (c >= (size_t)IndexLookup.Size)
        return ftblock_glyph_miss(this, (unsigned int)c); // ftblock: glyphs on demand
    const ImWchar i = IndexLookup.Data[c];
    if (i == (ImWchar)-1)
        return ftblock_glyph_miss(this, (unsigned int)c); // ftblock: glyphs on demand
    return &Glyphs.Data[i];
}"
    "FindGlyph")
  ftblock_imgui_patch(imgui_draw
    "        const float char_width = ((int)c < IndexAdvanceX.Size ? IndexAdvanceX.Data[c] : FallbackAdvanceX);"
    "        const float char_width = GetCharAdvance((ImWchar)c); // ftblock: glyphs on demand"
    "CalcWordWrapPositionA")
  ftblock_imgui_patch(imgui_draw
    "        const float char_width = ((int)c < IndexAdvanceX.Size ? IndexAdvanceX.Data[c] : FallbackAdvanceX) * scale;"
    "        const float char_width = GetCharAdvance((ImWchar)c) * scale; // ftblock: glyphs on demand"
    "CalcTextSizeA")
  ftblock_imgui_patch(imgui_draw
    "    // Align to be pixel perfect
    pos.x = IM_FLOOR(pos.x);
    pos.y = IM_FLOOR(pos.y);
    float x = pos.x;"
    "    // Align to be pixel perfect (ftblock: to the atlas's device pixels, FontSize / size per unit)
    const float device_px = FontSize / size;
    pos.x = IM_FLOOR(pos.x * device_px) / device_px;
    pos.y = IM_FLOOR(pos.y * device_px) / device_px;
    float x = pos.x;"
    "RenderText")
  ftblock_imgui_patch(imgui_draw
    "            float x1 = x + glyph->X0 * scale;
            float x2 = x + glyph->X1 * scale;"
    "            const float pen_x = IM_FLOOR(x * device_px + 0.5f) / device_px; // ftblock: each glyph on a device pixel
            float x1 = pen_x + glyph->X0 * scale;
            float x2 = pen_x + glyph->X1 * scale;"
    "RenderText glyph position")
  ftblock_imgui_patch(imgui_draw
    "        const ImFontGlyph* glyph = FindGlyph((ImWchar)c);
        if (glyph == NULL)
            continue;

        float char_width = glyph->AdvanceX * scale;"
    "        // ftblock: a character wholly outside the clip rectangle (ink may reach one em beyond
        // its advance) is stepped over by its advance: no glyph needed.
        if (x - FontSize * scale > clip_rect.z || x + (GetCharAdvance((ImWchar)c) + FontSize) * scale < clip_rect.x)
        {
            x += GetCharAdvance((ImWchar)c) * scale;
            continue;
        }
        const ImFontGlyph* glyph = FindGlyph((ImWchar)c);
        if (glyph == NULL)
            continue;

        float char_width = glyph->AdvanceX * scale;"
    "RenderText clipping")
  ftblock_imgui_patch(imgui_draw
    "    IM_ASSERT(!Locked && \"Cannot modify a locked ImFontAtlas between NewFrame() and EndFrame/Render()!\");

    // Default font is none are specified
    if (ConfigData.Size == 0)
        AddFontDefault();"
    "    IM_ASSERT(!Locked && \"Cannot modify a locked ImFontAtlas between NewFrame() and EndFrame/Render()!\");
    return false; // ftblock: web/platform/fonts.cpp builds the atlas from the browser's glyphs

    // Default font is none are specified
    if (ConfigData.Size == 0)
        AddFontDefault();"
    "Build")
  ftblock_write_if_changed("${patched}/imgui_draw.cpp" "${imgui_draw}")

  add_library(imgui STATIC
    "${patched}/imgui.cpp"
    "${patched}/imgui_draw.cpp"
    "${patched}/imgui_widgets.cpp"
    "${patched}/imgui_tables.cpp"
    "${patched}/misc/cpp/imgui_stdlib.cpp"
    "${patched}/backends/imgui_impl_opengl3.cpp")
  target_include_directories(imgui SYSTEM PUBLIC "${patched}" "${patched}/misc/cpp" "${patched}/backends")
  target_compile_definitions(imgui PUBLIC
    "IMGUI_USER_CONFIG=\"${PROJECT_SOURCE_DIR}/web/platform/imgui_config.h\""
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
