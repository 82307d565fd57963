using System.Globalization;
using LoftsDesArts.Core.Common;
using SkiaSharp;

namespace LoftsDesArts.Core.Packages.Photos;

/// <summary>The image formats a package photo may be uploaded in, recognized from the file's first bytes.</summary>
public enum PackagePhotoFormat
{
    Jpeg,
    Png,
    Webp,
}

/// <summary>A photo ready to store: a JPEG without metadata, upright, at most <see cref="PackagePhotoOptions.MaxEdgePixels"/> on its long side.</summary>
public sealed record ProcessedPackagePhoto(ReadOnlyMemory<byte> Jpeg, int Width, int Height);

/// <summary>
/// Turns an uploaded package photo into what is stored and served: the format is sniffed from the magic
/// bytes (JPEG, PNG or WebP; the declared content type is not trusted), the declared dimensions are checked
/// against <see cref="PackagePhotoOptions.MaxSourcePixels"/> before any pixel is decoded, the image is
/// decoded (a JPEG at a reduced scale when it is much larger than needed), turned upright by its EXIF
/// orientation, scaled down to <see cref="PackagePhotoOptions.MaxEdgePixels"/>, flattened on white,
/// converted to sRGB and re-encoded as a baseline JPEG. Nothing of the upload's metadata survives: no
/// EXIF (camera, GPS position, time), no XMP, no ICC profile, no comment.
/// <para>Failures are <see cref="DomainException"/>s with a bilingual message on the field <see cref="Field"/>.</para>
/// </summary>
public sealed class PackagePhotoProcessor
{
    /// <summary>The field the errors are reported on.</summary>
    public const string Field = "photo";

    private static readonly SKSamplingOptions Downscale = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    private readonly PackagePhotoOptions _options;

    public PackagePhotoProcessor(PackagePhotoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxUploadBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEdgePixels, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSourcePixels, 1);
        if (options.JpegQuality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "JpegQuality is between 1 and 100.");
        }

        _options = options;
    }

    /// <summary>The format the bytes really are, by their signature, or <c>null</c> when they are none of the accepted ones.</summary>
    public static PackagePhotoFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return PackagePhotoFormat.Jpeg;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PackagePhotoFormat.Png;
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return PackagePhotoFormat.Webp;
        }

        return null;
    }

    /// <summary>Checks, decodes, orients, scales and re-encodes <paramref name="upload"/>. CPU-bound: a few tens of milliseconds for a phone photo.</summary>
    /// <exception cref="DomainException">Too large, not a JPEG/PNG/WebP image, too many pixels, or unreadable.</exception>
    public ProcessedPackagePhoto Process(ReadOnlyMemory<byte> upload)
    {
        if (upload.Length > _options.MaxUploadBytes)
        {
            var megabytes = (_options.MaxUploadBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);
            throw new DomainException(ErrorKind.PayloadTooLarge, "photo-too-large", Texts.Errors.PayloadTooLarge)
            {
                FieldErrors = new Dictionary<string, LocalizedText> { [Field] = PackagePhotoTexts.TooLarge.Format(megabytes) },
            };
        }

        var format = Sniff(upload.Span) ?? throw Invalid("photo-not-an-image", PackagePhotoTexts.NotAnImage);

        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data) ?? throw Invalid("photo-not-an-image", PackagePhotoTexts.NotAnImage);
        if (codec.EncodedFormat != ToSkia(format))
        {
            throw Invalid("photo-not-an-image", PackagePhotoTexts.NotAnImage);
        }

        // The decompression-bomb guard: only the header has been read so far.
        var source = codec.Info;
        if (source.Width <= 0 || source.Height <= 0)
        {
            throw Invalid("photo-unreadable", PackagePhotoTexts.Unreadable);
        }

        if ((long)source.Width * source.Height > _options.MaxSourcePixels)
        {
            var megapixels = (_options.MaxSourcePixels / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture);
            throw Invalid("photo-too-many-pixels", PackagePhotoTexts.TooManyPixels.Format(source.Width, source.Height, megapixels));
        }

        using var decoded = Decode(codec);
        return Encode(decoded, codec.EncodedOrigin);
    }

    private SKBitmap Decode(SKCodec codec)
    {
        var source = codec.Info;
        var info = new SKImageInfo(
            source.Width,
            source.Height,
            SKColorType.Rgba8888,
            source.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul,
            source.ColorSpace);

        // A JPEG decodes directly at 1/2, 1/4 or 1/8 (and WebP at any scale): take the smallest that still
        // covers the target, then scale the rest of the way with filtering.
        var longSide = Math.Max(source.Width, source.Height);
        if (longSide > _options.MaxEdgePixels)
        {
            var scaled = codec.GetScaledDimensions((float)_options.MaxEdgePixels / longSide);
            if (scaled.Width > 0 && scaled.Height > 0 && Math.Max(scaled.Width, scaled.Height) >= _options.MaxEdgePixels)
            {
                info = info.WithSize(scaled);
            }
        }

        var bitmap = new SKBitmap(info);
        try
        {
            if (bitmap.GetPixels() == IntPtr.Zero)
            {
                throw Invalid("photo-unreadable", PackagePhotoTexts.Unreadable);
            }

            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result != SKCodecResult.Success)
            {
                throw Invalid("photo-unreadable", PackagePhotoTexts.Unreadable);
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private ProcessedPackagePhoto Encode(SKBitmap decoded, SKEncodedOrigin origin)
    {
        // Size in the stored (unrotated) orientation, then the output size once turned upright.
        var scale = Math.Min(1.0, (double)_options.MaxEdgePixels / Math.Max(decoded.Width, decoded.Height));
        var width = Math.Max(1, (int)Math.Round(decoded.Width * scale));
        var height = Math.Max(1, (int)Math.Round(decoded.Height * scale));
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outWidth, outHeight) = swaps ? (height, width) : (width, height);

        var drawInfo = new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Opaque, SKColorSpace.CreateSrgb());
        using var output = new SKBitmap(drawInfo);
        using (var canvas = new SKCanvas(output))
        using (var image = SKImage.FromBitmap(decoded))
        {
            canvas.Clear(SKColors.White); // transparent PNG/WebP areas become white, not black
            canvas.SetMatrix(Orientation(origin, width, height));
            canvas.DrawImage(image, new SKRect(0, 0, width, height), Downscale);
            canvas.Flush();
        }

        // The pixels are sRGB now; encoding them without a colour space writes no ICC profile (sRGB is what
        // a JPEG without one is taken to be). Skia's encoder writes no EXIF, XMP or comment of its own.
        using var plain = new SKPixmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Opaque), output.GetPixels(), output.RowBytes);
        using var jpeg = plain.Encode(new SKJpegEncoderOptions(_options.JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("The JPEG encoder produced nothing.");
        return new ProcessedPackagePhoto(jpeg.ToArray(), outWidth, outHeight);
    }

    /// <summary>
    /// Maps the stored image (<paramref name="width"/> × <paramref name="height"/>, unrotated) onto the upright
    /// output, for each EXIF orientation (1 to 8, in the order of <see cref="SKEncodedOrigin"/>).
    /// </summary>
    internal static SKMatrix Orientation(SKEncodedOrigin origin, float width, float height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),             // 2: mirrored
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),    // 3: turned 180°
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),          // 4: flipped
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),                   // 5: transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),            // 6: turn 90° clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),    // 7: transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),           // 8: turn 90° counter-clockwise
        _ => SKMatrix.Identity,                                                               // 1: upright
    };

    private static SKEncodedImageFormat ToSkia(PackagePhotoFormat format) => format switch
    {
        PackagePhotoFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        PackagePhotoFormat.Png => SKEncodedImageFormat.Png,
        _ => SKEncodedImageFormat.Webp,
    };

    private static DomainException Invalid(string code, LocalizedText message) =>
        new(ErrorKind.Validation, code, Texts.Errors.Validation)
        {
            FieldErrors = new Dictionary<string, LocalizedText> { [Field] = message },
        };
}
