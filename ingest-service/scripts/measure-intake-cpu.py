#!/usr/bin/env python3
"""CPU seconds (user + system, of the child processes) that ingest's audio intake spends on one upload,
before and after issue 16's change, for 3-minute FLAC, WAV, MP3 and Ogg Vorbis files made like the load
harness's (e2e-tests SynthesizedSong: an A minor chord over a 120 BPM kick, mono 44.1 kHz; --stereo adds a
second, different channel). Runs the exact commands ffmpeg-cli-wrapper runs for ingest; the Java side of
the intake (a file copy into the store) is not counted. The median of --runs runs per command.

  ingest-service/scripts/measure-intake-cpu.py [--runs 7] [--stereo]
"""
import argparse
import os
import resource
import statistics
import subprocess
import tempfile

CHORD = "0.15*(sin(2*PI*220*t)+sin(2*PI*261.63*t)+sin(2*PI*329.63*t))"
KICK = "0.6*sin(2*PI*(50+80*exp(-mod(t,0.5)*30))*mod(t,0.5))*exp(-mod(t,0.5)*12)"
ENCODERS = {"flac": "flac", "wav": "pcm_s16le", "mp3": "libmp3lame", "ogg": "libvorbis"}
# what KeptFormat keeps, and its muxer; the rest is transcoded to FLAC
KEPT_MUXER = {"flac": "flac", "mp3": "mp3", "ogg": "ogg"}

PROBE = ["ffprobe", "-v", "quiet", "-print_format", "json", "-show_error", "-show_format", "-show_streams",
         "-show_chapters"]


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def write(source, output, codec, muxer):
    return ["ffmpeg", "-y", "-v", "error", "-nostdin", "-i", source, "-f", muxer, "-vn", "-acodec", codec, "-sn",
            "-map", "0:a:0", "-map_metadata", "-1", output]


def main():
    options = argparse.ArgumentParser()
    options.add_argument("--runs", type=int, default=7)
    options.add_argument("--stereo", action="store_true")
    args = options.parse_args()
    work = tempfile.mkdtemp(prefix="intake-cpu-")
    expression = CHORD + "+" + KICK + ("|0.9*(" + CHORD + ")+" + KICK if args.stereo else "")
    print(f"{'upload':<6} {'size MB':>8} {'ffprobe -version':>17} {'ffprobe':>8} {'ffmpeg -version':>16} "
          f"{'to FLAC':>8} {'copy':>6} {'before':>7} {'after':>6}")
    for extension, encoder in ENCODERS.items():
        song = os.path.join(work, "song." + extension)
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        f"aevalsrc=exprs='{expression}':sample_rate=44100:duration=180", "-c:a", encoder, song],
                       check=True)
        commands = {
            "probe version": ["ffprobe", "-version"],
            "probe": PROBE + [song],
            "ffmpeg version": ["ffmpeg", "-version"],
            "flac": write(song, os.path.join(work, "out.flac"), "flac", "flac"),
        }
        if extension in KEPT_MUXER:
            commands["copy"] = write(song, os.path.join(work, "kept." + extension), "copy", KEPT_MUXER[extension])
        median = {name: statistics.median(cpu_seconds(command) for _ in range(args.runs))
                  for name, command in commands.items()}
        before = median["probe version"] + median["probe"] + median["ffmpeg version"] + median["flac"]
        after = median["probe"] + median.get("copy", median["flac"])
        copy = f"{median['copy']:.3f}" if "copy" in median else "-"
        print(f"{extension:<6} {os.path.getsize(song) / 1e6:>8.1f} {median['probe version']:>17.3f} "
              f"{median['probe']:>8.3f} {median['ffmpeg version']:>16.3f} {median['flac']:>8.3f} {copy:>6} "
              f"{before:>7.3f} {after:>6.3f}")
    print(f"(median of {args.runs} runs per command, CPU seconds; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
