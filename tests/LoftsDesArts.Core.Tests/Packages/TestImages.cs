using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace LoftsDesArts.Core.Tests.Packages;

/// <summary>Real images made with SkiaSharp, and the byte surgery the photo tests need (EXIF blocks, patched headers).</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(220, 30, 30);
    public static readonly SKColor Green = new(30, 200, 30);
    public static readonly SKColor Blue = new(30, 30, 220);
    public static readonly SKColor Yellow = new(240, 220, 20);

    /// <summary>The text the EXIF block carries as the camera make, so a test can look for it in the output.</summary>
    public const string CameraMake = "LDA-TEST-CAMERA";

    /// <summary>An image in four coloured quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.</summary>
    public static SKBitmap Quadrants(int width, int height, bool transparentBottom = false)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        Fill(canvas, new SKRect(0, 0, width / 2f, height / 2f), Red);
        Fill(canvas, new SKRect(width / 2f, 0, width, height / 2f), Green);
        if (!transparentBottom)
        {
            Fill(canvas, new SKRect(0, height / 2f, width / 2f, height), Blue);
            Fill(canvas, new SKRect(width / 2f, height / 2f, width, height), Yellow);
        }

        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 95)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Could not encode {format}.");
        return data.ToArray();
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = Quadrants(width, height);
        return Encode(bitmap, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>Inserts an APP1 Exif segment right after the JPEG's SOI marker.</summary>
    public static byte[] WithExif(byte[] jpeg, byte[] exifPayload)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        }

        var segment = new byte[4 + exifPayload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(exifPayload.Length + 2)));
        exifPayload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>
    /// An Exif block (little-endian TIFF) with IFD0 = Make, Orientation and a GPS IFD pointer; the GPS IFD holds
    /// GPSLatitudeRef "N" and GPSLatitude 45° 30′ 12.34″ (Montréal).
    /// </summary>
    public static byte[] Exif(ushort orientation)
    {
        var tiff = new byte[120];
        var s = tiff.AsSpan();
        "II"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 8);

        // IFD0 at 8: 3 entries, ends at 8 + 2 + 36 + 4 = 50.
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], 3);
        Entry(s[10..], tag: 0x010F, type: 2, count: 16, value: 50);          // Make, ASCII, at 50
        Entry(s[22..], tag: 0x0112, type: 3, count: 1, value: orientation);  // Orientation, SHORT, inline
        Entry(s[34..], tag: 0x8825, type: 4, count: 1, value: 66);           // GPSInfo IFD at 66
        BinaryPrimitives.WriteUInt32LittleEndian(s[46..], 0);
        Encoding.ASCII.GetBytes(CameraMake + "\0").CopyTo(s[50..]);          // 16 bytes, to 66

        // GPS IFD at 66: 2 entries, ends at 66 + 2 + 24 + 4 = 96.
        BinaryPrimitives.WriteUInt16LittleEndian(s[66..], 2);
        Entry(s[68..], tag: 0x0001, type: 2, count: 2, value: 'N');          // GPSLatitudeRef "N\0", inline
        Entry(s[80..], tag: 0x0002, type: 5, count: 3, value: 96);           // GPSLatitude, 3 RATIONALs at 96
        BinaryPrimitives.WriteUInt32LittleEndian(s[92..], 0);
        uint[] latitude = [45, 1, 30, 1, 1234, 100];
        for (var i = 0; i < latitude.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[(96 + (4 * i))..], latitude[i]);
        }

        return [.. "Exif\0\0"u8, .. tiff];
    }

    /// <summary>The JPEG's markers up to the start of scan (0xE0 for APP0, 0xE1 for APP1...).</summary>
    public static List<byte> MarkersBeforeScan(ReadOnlySpan<byte> jpeg)
    {
        var markers = new List<byte>();
        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF)
            {
                throw new InvalidOperationException($"Expected a marker at {at}.");
            }

            var marker = jpeg[at + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }

            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[(at + 2)..]);
        }

        return markers;
    }

    /// <summary>Rewrites the dimensions in a JPEG's SOF0/SOF2 header, leaving the compressed data as it was.</summary>
    public static byte[] WithJpegDimensions(byte[] jpeg, ushort width, ushort height)
    {
        var copy = (byte[])jpeg.Clone();
        var at = 2;
        while (true)
        {
            var marker = copy[at + 1];
            if (marker is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at + 7), width);
                return copy;
            }

            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(at + 2));
        }
    }

    /// <summary>Rewrites the dimensions in a PNG's IHDR chunk (and its CRC), leaving the image data as it was.</summary>
    public static byte[] WithPngDimensions(byte[] png, uint width, uint height)
    {
        var copy = (byte[])png.Clone();
        if (!copy.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new ArgumentException("IHDR is not the first chunk.", nameof(png));
        }

        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), Crc32(copy.AsSpan(12, 17)));
        return copy;
    }

    /// <summary>The colour among the four quadrant colours nearest to the pixel at (x, y).</summary>
    public static string NearestQuadrantColour(SKBitmap bitmap, int x, int y)
    {
        var pixel = bitmap.GetPixel(x, y);
        (string Name, SKColor Colour)[] candidates = [("red", Red), ("green", Green), ("blue", Blue), ("yellow", Yellow), ("white", SKColors.White), ("black", SKColors.Black)];
        return candidates.MinBy(c => Distance(c.Colour, pixel)).Name;
    }

    private static int Distance(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);

    private static void Fill(SKCanvas canvas, SKRect rect, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = false };
        canvas.DrawRect(rect, paint);
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        if (type == 3 && count == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at[8..], (ushort)value); // a SHORT sits in the first two bytes
            BinaryPrimitives.WriteUInt16LittleEndian(at[10..], 0);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
        }
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
