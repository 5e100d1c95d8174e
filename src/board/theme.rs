//! Colours and marks for the board, honest in monochrome.
