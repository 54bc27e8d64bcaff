# cmake -DFTBLOCK=path -DCASE=dir -P run_case.cmake — runs one golden CLI case and compares
# stdout and the exit status byte for byte with what the case expects.
file(STRINGS "${CASE}/args" args ENCODING UTF-8)
set(stdin_file "")
if(EXISTS "${CASE}/stdin")
  set(stdin_file INPUT_FILE "${CASE}/stdin")
endif()
set(ENV{LANG} "C")
if(EXISTS "${CASE}/env_lang")
  file(STRINGS "${CASE}/env_lang" lang)
  set(ENV{LANG} "${lang}")
endif()
execute_process(COMMAND "${FTBLOCK}" ${args}
                WORKING_DIRECTORY "${CASE}"
                ${stdin_file}
                OUTPUT_VARIABLE out
                ERROR_VARIABLE err
                RESULT_VARIABLE code)
file(READ "${CASE}/expected.out" expected)
file(STRINGS "${CASE}/expected.code" expected_code)
set(failed FALSE)
if(NOT out STREQUAL expected)
  message(SEND_ERROR "stdout differs.\n--- expected\n${expected}\n--- actual\n${out}")
  set(failed TRUE)
endif()
if(NOT code STREQUAL expected_code)
  message(SEND_ERROR "exit status ${code}, expected ${expected_code}; stderr:\n${err}")
  set(failed TRUE)
endif()
if(NOT failed)
  message(STATUS "golden case ${CASE}: stdout and exit status ${code} as expected")
endif()
