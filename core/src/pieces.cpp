// Pieces of inputs checked apart (ftblock/pieces.h): a CheckedInput per piece into a Report of
// its own in piece mode.
#include "ftblock/pieces.h"

#include <utility>

namespace ftblock {

PieceRun::PieceRun(const Playbook& playbook, ReportFormat format, Lang lang, Date today,
                   std::unique_ptr<PreviousRecords> previous)
    : playbook_(playbook),
      format_(format),
      previous_(previous ? std::move(previous) : std::make_unique<PreviousRecords>(playbook, today)),
      context_{lang, today, &previous_->index()} {
    report_.emplace(format_, lang);
    report_->begin_piece();
}

PieceRun::~PieceRun() = default;

void PieceRun::begin(std::string name, InputFormat format, const PieceStart* start) {
    input_.reset();
    report_.emplace(format_, context_.lang);  // counts and text of this piece only
    report_->begin_piece();
    count_ = 0;
    failed_ = false;
    if (start) {
        ReaderStart at;
        at.index = start->index;
        at.line = start->line;
        std::string_view header = start->csv_header;
        if (header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);
        if (format == InputFormat::Csv)
            csv_header_fields(playbook_, header, at.csv_fields);  // rejected: piece 0 fails first
        input_ = std::make_unique<CheckedInput>(*report_, playbook_, context_, std::move(name), format, at);
        count_ = start->index;
        return;
    }
    if (format == InputFormat::Auto) format = format_from_file_name(name);
    input_ = std::make_unique<CheckedInput>(*report_, playbook_, context_, std::move(name), format);
}

void PieceRun::feed(std::string_view bytes) {
    if (input_) input_->feed(bytes);
}

void PieceRun::end() {
    if (!input_) return;
    input_->finish();
    count_ = input_->count();
    failed_ = input_->file_error() != nullptr;
    if (failed_) error_ = *input_->file_error();
    input_.reset();
}

}  // namespace ftblock
