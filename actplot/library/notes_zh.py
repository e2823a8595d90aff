"""The notes of the built-in activations in Chinese (what `--lang zh` prints)."""

from ..activation import Notes

NOTES: dict[str, Notes] = {}
