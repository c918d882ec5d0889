#!/usr/bin/env python3
"""The worker's encoder graph against a plain encode, measured in pairs that run at the same time.

Each pair runs two FFmpeg processes side by side (about 0.55 core each, so two cores hold both) for
20 s after 8 s of warm-up, and prints each one's CPU (ms a second, from /proc/<pid>/task/*/stat).
The source and codec arguments are the worker's (demo graph, x264 veryfast zerolatency CBR 3 Mbit/s,
AAC); the output is FLV to a pipe. Variants:
  tee       no filter graph (tee's encode, without its RTMP muxer)
  worker    the worker's graph: scale, pad, setsar, fps, and a 4 fps yuva420p overlay input with the
            overlay filter at enable=0 (a job with no banner)
  chain     scale, pad, setsar, fps only
  ovonly    the overlay input and filter only
  fcnull    -filter_complex null
  worker1t  the worker's graph with -filter_complex_threads 1
Usage: bench/worker/encoder-pairs.py tee+worker worker+tee tee+chain ...
FFMPEG: the FFmpeg binary (default: the bundled one JavaCPP unpacked into ~/.javacpp/cache).
"""
import glob, subprocess, time, os, sys, tempfile
FF=os.environ.get("FFMPEG") or next(iter(sorted(glob.glob(os.path.expanduser(
    "~/.javacpp/cache/ffmpeg-*-linux-x86_64-gpl.jar/org/bytedeco/ffmpeg/linux-x86_64-gpl/ffmpeg")))), None)
if not FF: sys.exit("no FFmpeg: set FFMPEG, or run the worker once so that JavaCPP unpacks its binary")
FONT="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # the worker's demo clock font
OVERLAY=os.path.join(tempfile.mkdtemp(prefix="encoder-pairs-"), "transparent.yuva")
with open(OVERLAY, "wb") as f:  # one fully transparent 1280x720 yuva420p frame, looped by FFmpeg
    f.write(bytes([16]) * (1280 * 720) + bytes([128]) * (1280 * 720 // 2) + bytes(1280 * 720))
clock=("drawtext=fontfile="+FONT+":text='%{localtime\\:%H\\\\\\:%M\\\\\\:%S}  %{pts\\:hms}'"
       ":fontsize=51:fontcolor=white:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=(h-th)/2")
demo="testsrc2=size=1280x720:rate=30,"+clock+"[out0];sine=frequency=440:sample_rate=48000[out1]"
src=["-re","-f","lavfi","-i",demo]
codec=["-c:v","libx264","-preset","veryfast","-tune","zerolatency","-profile:v","high","-pix_fmt","yuv420p",
 "-b:v","3000k","-minrate","3000k","-maxrate","3000k","-bufsize","6000k","-x264-params","nal-hrd=cbr:repeat-headers=1",
 "-g","60","-keyint_min","60","-sc_threshold","0","-force_key_frames","expr:gte(t,n_forced*2)",
 "-c:a","aac","-profile:a","aac_low","-b:a","128k","-ar","48000","-ac","2"]
out=["-f","flv","-flvflags","no_duration_filesize","-flush_packets","1","pipe:1"]
ov=["-probesize","32","-fpsprobesize","0","-analyzeduration","0","-f","rawvideo","-pixel_format","yuva420p","-video_size","1280x720","-framerate","4","-re","-stream_loop","-1","-i",OVERLAY]
chain="scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30"
V={
 "tee": src+["-map","0:v","-map","0:a"]+codec+out,
 "worker": src+ov+["-filter_complex","[0:v]"+chain+"[base];[base][1:v]overlay@banner=0:0:eof_action=repeat:shortest=1:format=yuv420:enable=0[vout]","-map","[vout]","-map","0:a:0"]+codec+out,
 "chain": src+["-filter_complex","[0:v]"+chain+"[vout]","-map","[vout]","-map","0:a:0"]+codec+out,
 "ovonly": src+ov+["-filter_complex","[0:v][1:v]overlay@banner=0:0:eof_action=repeat:shortest=1:format=yuv420:enable=0[vout]","-map","[vout]","-map","0:a:0"]+codec+out,
 "fcnull": src+["-filter_complex","[0:v]null[vout]","-map","[vout]","-map","0:a:0"]+codec+out,
 "worker1t": src+ov+["-filter_complex_threads","1","-filter_complex","[0:v]"+chain+"[base];[base][1:v]overlay@banner=0:0:eof_action=repeat:shortest=1:format=yuv420:enable=0[vout]","-map","[vout]","-map","0:a:0"]+codec+out,
}
def cpu(pid):
    tot=0
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            f=open(f"/proc/{pid}/task/{t}/stat").read().rsplit(")",1)[1].split()
            tot+=int(f[11])+int(f[12])
        except Exception: pass
    return tot
def threads(pid):
    names={}
    for t in os.listdir(f"/proc/{pid}/task"):
        try: n=open(f"/proc/{pid}/task/{t}/comm").read().strip()
        except Exception: continue
        names[n]=names.get(n,0)+1
    return names
def run(names, warm=8, secs=20):
    ps={n:subprocess.Popen([FF,"-hide_banner","-loglevel","error","-nostdin"]+V[n],stdout=subprocess.DEVNULL) for n in names}
    time.sleep(warm)
    a={n:cpu(p.pid) for n,p in ps.items()}
    th={n:threads(p.pid) for n,p in ps.items()}
    time.sleep(secs)
    b={n:cpu(p.pid) for n,p in ps.items()}
    for p in ps.values(): p.kill(); p.wait()
    return {n:(b[n]-a[n])/secs*10 for n in names}, th  # ms/s (ticks are 10 ms)
pairs=[p.split("+") for p in sys.argv[1:]]
for pr in pairs:
    r,th=run(pr)
    print(" | ".join(f"{n} {v:.0f} ms/s" for n,v in r.items()), flush=True)
    for n in pr: print("   ",n,th[n], flush=True)
