import Foundation

// Real output of `ffprobe -v error -print_format json -show_format -show_streams -show_chapters`
// (ffmpeg 5.1) for two files made with ffmpeg's lavfi test sources.

/// 320x240 H.264 + mono AAC in MP4.
let ffprobeMP4 = #"""
{
    "streams": [
        {
            "index": 0,
            "codec_name": "h264",
            "codec_long_name": "H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10",
            "profile": "High 4:4:4 Predictive",
            "codec_type": "video",
            "codec_tag_string": "avc1",
            "codec_tag": "0x31637661",
            "width": 320,
            "height": 240,
            "coded_width": 320,
            "coded_height": 240,
            "closed_captions": 0,
            "film_grain": 0,
            "has_b_frames": 2,
            "sample_aspect_ratio": "1:1",
            "display_aspect_ratio": "4:3",
            "pix_fmt": "yuv444p",
            "level": 13,
            "chroma_location": "left",
            "field_order": "progressive",
            "refs": 1,
            "is_avc": "true",
            "nal_length_size": "4",
            "id": "0x1",
            "r_frame_rate": "25/1",
            "avg_frame_rate": "25/1",
            "time_base": "1/12800",
            "start_pts": 0,
            "start_time": "0.000000",
            "duration_ts": 25600,
            "duration": "2.000000",
            "bit_rate": "47336",
            "bits_per_raw_sample": "8",
            "nb_frames": "50",
            "extradata_size": 46,
            "disposition": {
                "default": 1,
                "dub": 0,
                "original": 0,
                "comment": 0,
                "lyrics": 0,
                "karaoke": 0,
                "forced": 0,
                "hearing_impaired": 0,
                "visual_impaired": 0,
                "clean_effects": 0,
                "attached_pic": 0,
                "timed_thumbnails": 0,
                "captions": 0,
                "descriptions": 0,
                "metadata": 0,
                "dependent": 0,
                "still_image": 0
            },
            "tags": {
                "language": "und",
                "handler_name": "VideoHandler",
                "vendor_id": "[0][0][0][0]",
                "encoder": "Lavc59.37.100 libx264"
            }
        },
        {
            "index": 1,
            "codec_name": "aac",
            "codec_long_name": "AAC (Advanced Audio Coding)",
            "profile": "LC",
            "codec_type": "audio",
            "codec_tag_string": "mp4a",
            "codec_tag": "0x6134706d",
            "sample_fmt": "fltp",
            "sample_rate": "44100",
            "channels": 1,
            "channel_layout": "mono",
            "bits_per_sample": 0,
            "id": "0x2",
            "r_frame_rate": "0/0",
            "avg_frame_rate": "0/0",
            "time_base": "1/44100",
            "start_pts": 0,
            "start_time": "0.000000",
            "duration_ts": 88200,
            "duration": "2.000000",
            "bit_rate": "69671",
            "nb_frames": "88",
            "extradata_size": 5,
            "disposition": {
                "default": 1,
                "dub": 0,
                "original": 0,
                "comment": 0,
                "lyrics": 0,
                "karaoke": 0,
                "forced": 0,
                "hearing_impaired": 0,
                "visual_impaired": 0,
                "clean_effects": 0,
                "attached_pic": 0,
                "timed_thumbnails": 0,
                "captions": 0,
                "descriptions": 0,
                "metadata": 0,
                "dependent": 0,
                "still_image": 0
            },
            "tags": {
                "language": "eng",
                "handler_name": "SoundHandler",
                "vendor_id": "[0][0][0][0]"
            }
        }
    ],
    "chapters": [

    ],
    "format": {
        "filename": "a.mp4",
        "nb_streams": 2,
        "nb_programs": 0,
        "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
        "format_long_name": "QuickTime / MOV",
        "start_time": "0.000000",
        "duration": "2.000000",
        "size": "32538",
        "bit_rate": "130152",
        "probe_score": 100,
        "tags": {
            "major_brand": "isom",
            "minor_version": "512",
            "compatible_brands": "isomiso2avc1mp41",
            "encoder": "Lavf59.27.100"
        }
    }
}
"""#

/// 1080p 10-bit HEVC with PQ transfer (HDR10), AC3 5.1 (German, default, titled), FLAC mono,
/// forced English SubRip, two chapters, in Matroska.
let ffprobeMKV = #"""
{
    "streams": [
        {
            "index": 0,
            "codec_name": "hevc",
            "codec_long_name": "H.265 / HEVC (High Efficiency Video Coding)",
            "profile": "Main 10",
            "codec_type": "video",
            "codec_tag_string": "[0][0][0][0]",
            "codec_tag": "0x0000",
            "width": 1920,
            "height": 1080,
            "coded_width": 1920,
            "coded_height": 1080,
            "closed_captions": 0,
            "film_grain": 0,
            "has_b_frames": 2,
            "sample_aspect_ratio": "1:1",
            "display_aspect_ratio": "16:9",
            "pix_fmt": "yuv420p10le",
            "level": 120,
            "color_range": "tv",
            "color_space": "bt2020nc",
            "color_transfer": "smpte2084",
            "color_primaries": "bt2020",
            "chroma_location": "left",
            "field_order": "progressive",
            "refs": 1,
            "r_frame_rate": "24000/1001",
            "avg_frame_rate": "24000/1001",
            "time_base": "1/1000",
            "start_pts": 6,
            "start_time": "0.006000",
            "extradata_size": 2412,
            "disposition": {
                "default": 0,
                "dub": 0,
                "original": 0,
                "comment": 0,
                "lyrics": 0,
                "karaoke": 0,
                "forced": 0,
                "hearing_impaired": 0,
                "visual_impaired": 0,
                "clean_effects": 0,
                "attached_pic": 0,
                "timed_thumbnails": 0,
                "captions": 0,
                "descriptions": 0,
                "metadata": 0,
                "dependent": 0,
                "still_image": 0
            },
            "tags": {
                "ENCODER": "Lavc59.37.100 libx265",
                "DURATION": "00:00:02.008000000"
            }
        },
        {
            "index": 1,
            "codec_name": "ac3",
            "codec_long_name": "ATSC A/52A (AC-3)",
            "codec_type": "audio",
            "codec_tag_string": "[0][0][0][0]",
            "codec_tag": "0x0000",
            "sample_fmt": "fltp",
            "sample_rate": "44100",
            "channels": 6,
            "channel_layout": "5.1(side)",
            "bits_per_sample": 0,
            "r_frame_rate": "0/0",
            "avg_frame_rate": "0/0",
            "time_base": "1/1000",
            "start_pts": 0,
            "start_time": "0.000000",
            "bit_rate": "448000",
            "disposition": {
                "default": 1,
                "dub": 0,
                "original": 0,
                "comment": 0,
                "lyrics": 0,
                "karaoke": 0,
                "forced": 0,
                "hearing_impaired": 0,
                "visual_impaired": 0,
                "clean_effects": 0,
                "attached_pic": 0,
                "timed_thumbnails": 0,
                "captions": 0,
                "descriptions": 0,
                "metadata": 0,
                "dependent": 0,
                "still_image": 0
            },
            "tags": {
                "language": "ger",
                "title": "Surround",
                "ENCODER": "Lavc59.37.100 ac3",
                "DURATION": "00:00:02.021000000"
            }
        },
        {
            "index": 2,
            "codec_name": "flac",
            "codec_long_name": "FLAC (Free Lossless Audio Codec)",
            "codec_type": "audio",
            "codec_tag_string": "[0][0][0][0]",
            "codec_tag": "0x0000",
            "sample_fmt": "s16",
            "sample_rate": "44100",
            "channels": 1,
            "channel_layout": "mono",
            "bits_per_sample": 0,
            "r_frame_rate": "0/0",
            "avg_frame_rate": "0/0",
            "time_base": "1/1000",
            "start_pts": 6,
            "start_time": "0.006000",
            "bits_per_raw_sample": "16",
            "extradata_size": 34,
            "disposition": {
                "default": 0,
                "dub": 0,
                "original": 0,
                "comment": 0,
                "lyrics": 0,
                "karaoke": 0,
                "forced": 0,
                "hearing_impaired": 0,
                "visual_impaired": 0,
                "clean_effects": 0,
                "attached_pic": 0,
                "timed_thumbnails": 0,
                "captions": 0,
                "descriptions": 0,
                "metadata": 0,
                "dependent": 0,
                "still_image": 0
            },
            "tags": {
                "ENCODER": "Lavc59.37.100 flac",
                "DURATION": "00:00:02.006000000"
            }
        },
        {
            "index": 3,
            "codec_name": "subrip",
            "codec_long_name": "SubRip subtitle",
            "codec_type": "subtitle",
            "codec_tag_string": "[0][0][0][0]",
            "codec_tag": "0x0000",
            "r_frame_rate": "0/0",
            "avg_frame_rate": "0/0",
            "time_base": "1/1000",
            "start_pts": 6,
            "start_time": "0.006000",
            "disposition": {
                "default": 0,
                "dub": 0,
                "original": 0,
                "comment": 0,
                "lyrics": 0,
                "karaoke": 0,
                "forced": 1,
                "hearing_impaired": 0,
                "visual_impaired": 0,
                "clean_effects": 0,
                "attached_pic": 0,
                "timed_thumbnails": 0,
                "captions": 0,
                "descriptions": 0,
                "metadata": 0,
                "dependent": 0,
                "still_image": 0
            },
            "tags": {
                "language": "eng",
                "ENCODER": "Lavc59.37.100 srt",
                "DURATION": "00:00:01.006000000"
            }
        }
    ],
    "chapters": [
        {
            "id": 1,
            "time_base": "1/1000000000",
            "start": 0,
            "start_time": "0.000000",
            "end": 1000000000,
            "end_time": "1.000000",
            "tags": {
                "title": "Opening"
            }
        },
        {
            "id": 2,
            "time_base": "1/1000000000",
            "start": 1000000000,
            "start_time": "1.000000",
            "end": 2000000000,
            "end_time": "2.000000",
            "tags": {
                "title": "Credits"
            }
        }
    ],
    "format": {
        "filename": "b.mkv",
        "nb_streams": 4,
        "nb_programs": 0,
        "format_name": "matroska,webm",
        "format_long_name": "Matroska / WebM",
        "start_time": "0.000000",
        "duration": "2.021000",
        "size": "166552",
        "bit_rate": "659285",
        "probe_score": 100,
        "tags": {
            "title": "Test",
            "ENCODER": "Lavf59.27.100"
        }
    }
}
"""#

/// Hand-written: interlaced H.264 in MPEG-TS with HLG, DTS-HD MA, a PGS subtitle, cover art and a data stream.
let ffprobeHandwritten = #"""
{
  "streams": [
    {"index": 0, "codec_name": "h264", "codec_type": "video", "profile": "High", "level": 41, "width": 1920, "height": 1080,
     "pix_fmt": "yuv420p", "field_order": "tt", "color_transfer": "arib-std-b67", "r_frame_rate": "30000/1001",
     "avg_frame_rate": "30000/1001", "disposition": {"default": 1, "attached_pic": 0}, "tags": {"language": "und"}},
    {"index": 1, "codec_name": "dts", "codec_type": "audio", "profile": "DTS-HD MA", "channels": 8, "channel_layout": "7.1",
     "sample_rate": "48000", "bits_per_raw_sample": "24", "disposition": {"default": 0}, "tags": {"language": "fre"}},
    {"index": 2, "codec_name": "hdmv_pgs_subtitle", "codec_type": "subtitle", "disposition": {"default": 0, "hearing_impaired": 1},
     "tags": {"language": "eng", "title": "SDH"}},
    {"index": 3, "codec_name": "mjpeg", "codec_type": "video", "width": 600, "height": 900, "disposition": {"attached_pic": 1},
     "tags": {"filename": "cover.jpg"}},
    {"index": 4, "codec_type": "data", "codec_name": "bin_data"},
    {"index": 5, "codec_name": "h264", "codec_type": "video", "width": 3840, "height": 2160, "color_transfer": "smpte2084",
     "side_data_list": [{"side_data_type": "DOVI configuration record", "dv_profile": 8, "dv_bl_signal_compatibility_id": 1}]}
  ],
  "format": {"format_name": "mpegts", "duration": "2843.120000", "size": "4294967296", "bit_rate": 12084000},
  "chapters": []
}
"""#
