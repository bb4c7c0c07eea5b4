#!/usr/bin/python3
"""Builds the batch corpus of the `features` command over many files: about 90 songs of rendered
music, mixed OGG/WAV/MP3/FLAC, 30 s to 5 min each, about 170 minutes in all.

The music is every MIDI file of the two Debian packages build-corpus.py uses
(openttd-openmsx, planetblupi-music-midi; fetched the same way with `apt-get download` + `dpkg -x`),
rendered once each by FluidSynth with FluidR3_GM at 44.1 kHz (at most its first 5 minutes). Song i takes piece i mod the number
of pieces and loops it (ffmpeg -stream_loop) to its length, drawn log-uniform between 30 s and
5 min with a fixed seed and scaled so the lengths add up to TOTAL_SECONDS; formats cycle
OGG Vorbis q5, WAV 16-bit, MP3 192k, FLAC. So a song longer than its piece repeats it: it is real
rendered music, not real recordings. No truth is written: this corpus measures speed, not accuracy.

    benchmarks/dev-corpus/build-batch-corpus.py [out-dir]   # default benchmarks/target/batch-corpus
Writes <out-dir>/audio/NN-<piece>.<ext> and <out-dir>/lengths.csv.
"""
import csv
import importlib.util
import math
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import mido

HERE = Path(__file__).resolve().parent
SPEC = importlib.util.spec_from_file_location("build_corpus", HERE / "build-corpus.py")
build_corpus = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_corpus)

SONGS = 90
TOTAL_SECONDS = 170 * 60
SHORTEST, LONGEST = 30.0, 300.0
SEED = 16
ENCODINGS = [("ogg", ["-c:a", "libvorbis", "-q:a", "5"]),
             ("wav", ["-c:a", "pcm_s16le"]),
             ("mp3", ["-c:a", "libmp3lame", "-b:a", "192k"]),
             ("flac", ["-c:a", "flac"])]


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parent / "target" / "batch-corpus")
    audio = out / "audio"
    audio.mkdir(parents=True, exist_ok=True)
    lengths = song_lengths(random.Random(SEED))
    rows = []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        pieces = [render_whole(midi, work) for package in build_corpus.PACKAGES
                  for midi in build_corpus.debian_midi_files(package, work)]
        for index, seconds in enumerate(lengths):
            piece = pieces[index % len(pieces)]
            extension, codec = ENCODINGS[index % len(ENCODINGS)]
            song = audio / f"{index:02d}-{piece.stem}.{extension}"
            subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", "-1", "-i", str(piece),
                            "-t", f"{seconds:.2f}", *codec, str(song)], check=True)
            rows.append({"file": song.name, "seconds": round(seconds, 2), "piece": piece.stem})
    with open(out / "lengths.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "seconds", "piece"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} files, {sum(r['seconds'] for r in rows) / 60:.1f} minutes in {audio}")


def song_lengths(rng):
    """Log-uniform in [SHORTEST, LONGEST], scaled to add up to TOTAL_SECONDS (and clamped again)."""
    drawn = [math.exp(rng.uniform(math.log(SHORTEST), math.log(LONGEST))) for _ in range(SONGS)]
    scale = TOTAL_SECONDS / sum(drawn)
    return [min(LONGEST, max(SHORTEST, seconds * scale)) for seconds in drawn]


def render_whole(midi_path, work):
    """The piece as FluidSynth plays it; a piece longer than any song is cut to its first LONGEST
    seconds by build-corpus.py's excerpt (some planetblupi files play for half an hour)."""
    midi = mido.MidiFile(midi_path)
    if midi.length > LONGEST:
        build_corpus.EXCERPT_SECONDS = LONGEST  # excerpt() cuts at EXCERPT_SECONDS x scale
        midi = build_corpus.excerpt(midi, 1.0)
    name = f"{midi_path.parent.name}-{midi_path.stem}"
    midi.save(work / f"{name}.mid")
    wav = work / f"{name}.wav"
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.5", "-r", str(build_corpus.SAMPLE_RATE), "-F", str(wav),
                    build_corpus.SOUNDFONT, str(work / f"{name}.mid")], check=True, capture_output=True)
    return wav


if __name__ == "__main__":
    main()
