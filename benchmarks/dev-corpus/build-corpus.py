#!/usr/bin/python3
"""Builds the feature engine's development corpus: audio with known tempo, metre, key and mode.

Two sources, both rendered by FluidSynth with the General MIDI soundfont FluidR3_GM:
  * the MIDI files of two Debian packages (downloaded with `apt-get download`, unpacked with
    `dpkg -x`, never installed): openttd-openmsx (GPL-2.0) and planetblupi-music-midi (GPL-3+).
    Each is cut to its first EXCERPT_SECONDS and rendered at its own tempo and at TEMPO_SCALES
    of it (every set_tempo event scaled), which spreads the tempi without touching the notes.
  * songs generated here with a fixed seed: a waltz (3/4) or a march (4/4) drum pattern, a bass on
    the downbeat and piano chords of a cadence in one of the 24 keys, one per key and metre.

The truth comes from the MIDI meta events: set_tempo (the tempo in force longest in the excerpt,
in quarter notes per minute), time_signature (the MIDI default 4/4 when there is none) and
key_signature. Keys are taken only from files that carry a key_signature other than the bare
C major every planetblupi file and several generators write by default (see KEY_TRUSTED). The
reference loudness is ffmpeg's ebur128 filter on the rendered file.

Needs the Debian packages fluidsynth, fluid-soundfont-gm, python3-mido and ffmpeg:
    apt-get install -y fluidsynth fluid-soundfont-gm python3-mido ffmpeg
    benchmarks/dev-corpus/build-corpus.py [out-dir]      # default benchmarks/target/dev-corpus
Writes <out-dir>/audio/*.flac and <out-dir>/truth.csv. Deterministic for one FluidSynth version.
"""
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import mido

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
SAMPLE_RATE = 44100
EXCERPT_SECONDS = 45.0
TEMPO_SCALES = (1.0, 0.8, 1.25)
PACKAGES = {"openttd-openmsx": "GPL-2.0", "planetblupi-music-midi": "GPL-3.0-or-later"}
# planetblupi's files all declare C major at 120 BPM or their own tempo: the key is the editor's default
KEY_TRUSTED = {"openttd-openmsx"}
SEED = 42
KEY_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
FLAT_NAMES = {"Db": 1, "D#": 3, "Gb": 6, "G#": 8, "A#": 10, "Cb": 11}


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "target" / "dev-corpus")
    audio = out / "audio"
    audio.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for package, licence in PACKAGES.items():
            for midi_path in debian_midi_files(package, work):
                for scale in TEMPO_SCALES:
                    name = f"{package}__{midi_path.stem}__x{scale:g}"
                    midi = excerpt(mido.MidiFile(midi_path), scale)
                    truth = meta_truth(midi, package in KEY_TRUSTED)
                    rows.append(render(midi, name, audio, work, truth, package, licence))
        rng = random.Random(SEED)
        for tonic in range(12):
            for minor in (False, True):
                for beats in (3, 4):
                    bpm = round(60 * 3 ** rng.random(), 1)  # log-uniform 60-180 BPM
                    midi = generated_song(tonic, minor, beats, bpm, rng)
                    name = f"generated__{KEY_NAMES[tonic]}{'m' if minor else ''}_{beats}-4_{bpm:g}"
                    truth = meta_truth(midi, True)
                    rows.append(render(midi, name, audio, work, truth, "generated", "GPL-3.0-or-later"))
    with open(out / "truth.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} files in {audio}, truth in {out / 'truth.csv'}")


def debian_midi_files(package, work):
    target = work / package
    target.mkdir()
    subprocess.run(["apt-get", "download", package], cwd=target, check=True, capture_output=True)
    deb = next(target.glob("*.deb"))
    subprocess.run(["dpkg", "-x", str(deb), str(target / "root")], check=True)
    return sorted(target.glob("root/**/*.mid"))


def excerpt(source, scale):
    """The first EXCERPT_SECONDS of the file (notes sounding then are cut by an all-notes-off), tempi scaled."""
    limit = tick_at_seconds(source, EXCERPT_SECONDS * scale)
    result = mido.MidiFile(type=source.type, ticks_per_beat=source.ticks_per_beat)
    for track in source.tracks:
        kept = mido.MidiTrack()
        absolute, last_kept = 0, 0
        for message in track:
            absolute += message.time
            if absolute > limit or message.type == "end_of_track":
                continue
            if message.type == "set_tempo":
                message = message.copy(tempo=int(round(message.tempo / scale)))
            kept.append(message.copy(time=absolute - last_kept))
            last_kept = absolute
        for channel in range(16):
            kept.append(mido.Message("control_change", channel=channel, control=123, value=0,
                                     time=(limit - last_kept) if channel == 0 else 0))
        result.tracks.append(kept)
    return result


def tempo_map(midi):
    changes = sorted((tick, message.tempo) for tick, message in absolute_messages(midi) if message.type == "set_tempo")
    return changes or [(0, 500000)]


def absolute_messages(midi):
    for track in midi.tracks:
        absolute = 0
        for message in track:
            absolute += message.time
            yield absolute, message


def tick_at_seconds(midi, seconds):
    tick, elapsed, tempo = 0, 0.0, 500000
    for change_tick, change_tempo in tempo_map(midi):
        span = (change_tick - tick) * tempo / 1e6 / midi.ticks_per_beat
        if elapsed + span >= seconds:
            break
        elapsed += span
        tick, tempo = change_tick, change_tempo
    return tick + int((seconds - elapsed) * 1e6 / tempo * midi.ticks_per_beat)


def meta_truth(midi, key_trusted):
    end = max(tick for tick, _ in absolute_messages(midi))
    durations = {}
    changes = tempo_map(midi) + [(end, None)]
    if changes[0][0] > 0:
        changes.insert(0, (0, 500000))
    for (tick, tempo), (next_tick, _) in zip(changes, changes[1:]):
        seconds = (next_tick - tick) * tempo / 1e6 / midi.ticks_per_beat
        bpm = round(mido.tempo2bpm(tempo), 2)
        durations[bpm] = durations.get(bpm, 0) + seconds
    signatures = [m for _, m in absolute_messages(midi) if m.type == "time_signature"]
    keys = [m.key for _, m in absolute_messages(midi) if m.type == "key_signature"]
    numerator, denominator = (signatures[0].numerator, signatures[0].denominator) if signatures else (4, 4)
    key, mode = -1, -1
    if keys and key_trusted:
        key, mode = parse_key(keys[0])
    return {
        "tempo_bpm": max(durations, key=durations.get),
        "tempo_changes": len({bpm for bpm in durations}),
        "time_signature": f"{numerator}/{denominator}",
        "time_signature_declared": bool(signatures),
        "key": key,
        "mode": mode,
    }


def parse_key(name):
    match = re.fullmatch(r"([A-G][#b]?)(m?)", name)
    tonic = KEY_NAMES.index(match.group(1)) if match.group(1) in KEY_NAMES else FLAT_NAMES[match.group(1)]
    return tonic, 0 if match.group(2) else 1


def generated_song(tonic, minor, beats, bpm, rng):
    """Drums (waltz: kick on 1, snare on 2 and 3; march: kick 1 and 3, snare 2 and 4; hats on every
    beat), a bass on each downbeat and a piano chord per bar along i-iv-V-i-VI-iv-V-i (minor) or
    I-IV-V-I-vi-ii-V-I (major), repeated for EXCERPT_SECONDS."""
    ticks = 480
    midi = mido.MidiFile(ticks_per_beat=ticks)
    meta = mido.MidiTrack([
        mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)),
        mido.MetaMessage("time_signature", numerator=beats, denominator=4),
        mido.MetaMessage("key_signature", key=KEY_NAMES[tonic] + ("m" if minor else "")),
    ])
    midi.tracks.append(meta)
    scale = [0, 2, 3, 5, 7, 8, 10] if minor else [0, 2, 4, 5, 7, 9, 11]
    degrees = [0, 3, 4, 0, 5, 3, 4, 0] if minor else [0, 3, 4, 0, 5, 1, 4, 0]
    bars = int(EXCERPT_SECONDS * bpm / 60 / beats) + 1
    instrument = rng.choice([0, 4, 24, 48])  # piano, e-piano, guitar, strings
    events = []  # (tick, message)
    for bar in range(bars):
        start = bar * beats * ticks
        degree = degrees[bar % len(degrees)]
        chord = [scale[(degree + step) % 7] + 12 * ((degree + step) // 7) for step in (0, 2, 4)]
        if minor and degree == 4:
            chord[1] += 1  # harmonic minor: the dominant's major third
        root = 48 + tonic
        for pitch in chord:
            events += note(start, beats * ticks - 10, 0, root + 12 + pitch, 70)
        events += note(start, ticks - 10, 1, root - 12 + chord[0], 90)
        for beat in range(beats):
            at = start + beat * ticks
            events += note(at, ticks // 4, 9, 42, 60)  # closed hi-hat
            if beat == 0 or (beats == 4 and beat == 2):
                events += note(at, ticks // 4, 9, 36, 110)  # kick
            else:
                events += note(at, ticks // 4, 9, 38, 95 if beats == 4 else 70)  # snare
    track = mido.MidiTrack([mido.Message("program_change", channel=0, program=instrument),
                            mido.Message("program_change", channel=1, program=33)])
    now = 0
    for tick, message in sorted(events, key=lambda e: (e[0], e[1].type == "note_on")):
        track.append(message.copy(time=tick - now))
        now = tick
    midi.tracks.append(track)
    return midi


def note(start, length, channel, pitch, velocity):
    return [(start, mido.Message("note_on", channel=channel, note=pitch, velocity=velocity)),
            (start + length, mido.Message("note_off", channel=channel, note=pitch, velocity=0))]


def render(midi, name, audio, work, truth, source, licence):
    midi_file = work / f"{name}.mid"
    wav = work / f"{name}.wav"
    flac = audio / f"{name}.flac"
    midi.save(midi_file)
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.5", "-r", str(SAMPLE_RATE), "-F", str(wav), SOUNDFONT,
                    str(midi_file)], check=True, capture_output=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-t", str(EXCERPT_SECONDS), "-c:a", "flac",
                    str(flac)], check=True)
    wav.unlink()
    return {"file": flac.name, "source": source, "licence": licence, **truth,
            "loudness_lufs": ebur128(flac)}


def ebur128(path):
    result = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128",
                             "-f", "null", "-"], capture_output=True, text=True, check=True)
    return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", result.stderr)[-1])


if __name__ == "__main__":
    main()
