using System.Text;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages.Photos;
using SkiaSharp;

namespace LoftsDesArts.Core.Tests.Packages;

/// <summary>
/// <see cref="PackagePhotoProcessor"/> on real images made in the test with SkiaSharp: metadata (EXIF with GPS)
/// is gone, the EXIF orientation is applied, large images are scaled down, and anything that is not a
/// JPEG, PNG or WebP image of a sane size is refused with a bilingual field error.
/// </summary>
public sealed class PackagePhotoProcessorTests
{
    private readonly PackagePhotoProcessor _processor = new(new PackagePhotoOptions());

    [Fact]
    public void Process_JpegWithExifGpsAndOrientation_OutputHasNoMetadataAndIsTurnedUpright()
    {
        var upload = TestImages.WithExif(TestImages.Jpeg(400, 200), TestImages.Exif(orientation: 6));
        // The input really carries what we want gone: an APP1 segment, the camera make, an orientation Skia reads.
        Assert.Contains((byte)0xE1, TestImages.MarkersBeforeScan(upload));
        Assert.NotEqual(-1, upload.AsSpan().IndexOf(Encoding.ASCII.GetBytes(TestImages.CameraMake)));
        using (var codec = SKCodec.Create(SKData.CreateCopy(upload)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        }

        var photo = _processor.Process(upload);

        var jpeg = photo.Jpeg.ToArray();
        Assert.Equal(PackagePhotoFormat.Jpeg, PackagePhotoProcessor.Sniff(jpeg));
        var markers = TestImages.MarkersBeforeScan(jpeg);
        Assert.DoesNotContain(markers, m => m is >= 0xE1 and <= 0xEF); // no APP1 (EXIF, XMP), APP2 (ICC) or other APPn
        Assert.DoesNotContain((byte)0xFE, markers);                    // no comment
        Assert.Equal(-1, jpeg.AsSpan().IndexOf(Encoding.ASCII.GetBytes(TestImages.CameraMake)));
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("Exif\0\0"u8));

        // Orientation 6: the stored image is turned 90° clockwise, so 400 × 200 becomes 200 × 400.
        Assert.Equal((200, 400), (photo.Width, photo.Height));
        using var output = SKBitmap.Decode(jpeg);
        Assert.Equal((200, 400), (output.Width, output.Height));
        using var outputCodec = SKCodec.Create(SKData.CreateCopy(jpeg));
        Assert.Equal(SKEncodedOrigin.TopLeft, outputCodec.EncodedOrigin);
    }

    // Expected corners of the upright output (TL, TR, BL, BR) for a source with red TL, green TR, blue BL, yellow BR,
    // from the EXIF 2.3 definition of each orientation value.
    [Theory]
    [InlineData(1, "red", "green", "blue", "yellow")]
    [InlineData(2, "green", "red", "yellow", "blue")]
    [InlineData(3, "yellow", "blue", "green", "red")]
    [InlineData(4, "blue", "yellow", "red", "green")]
    [InlineData(5, "red", "blue", "green", "yellow")]
    [InlineData(6, "blue", "red", "yellow", "green")]
    [InlineData(7, "yellow", "green", "blue", "red")]
    [InlineData(8, "green", "yellow", "red", "blue")]
    public void Process_EachExifOrientation_CornersLandWhereTheCameraMeant(ushort orientation, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        var upload = TestImages.WithExif(TestImages.Jpeg(320, 160), TestImages.Exif(orientation));

        var photo = _processor.Process(upload);

        using var output = SKBitmap.Decode(photo.Jpeg.ToArray());
        var swapped = orientation >= 5;
        Assert.Equal(swapped ? (160, 320) : (320, 160), (output.Width, output.Height));
        int w = output.Width, h = output.Height;
        Assert.Equal(
            (topLeft, topRight, bottomLeft, bottomRight),
            (TestImages.NearestQuadrantColour(output, w / 4, h / 4),
             TestImages.NearestQuadrantColour(output, 3 * w / 4, h / 4),
             TestImages.NearestQuadrantColour(output, w / 4, 3 * h / 4),
             TestImages.NearestQuadrantColour(output, 3 * w / 4, 3 * h / 4)));
    }

    [Fact]
    public void Process_LargeTransparentPng_ScaledToTheMaxEdgeFlattenedOnWhite()
    {
        using var source = TestImages.Quadrants(3200, 1000, transparentBottom: true);
        var upload = TestImages.Encode(source, SKEncodedImageFormat.Png);
        Assert.Equal(PackagePhotoFormat.Png, PackagePhotoProcessor.Sniff(upload));

        var photo = _processor.Process(upload);

        Assert.Equal(PackagePhotoFormat.Jpeg, PackagePhotoProcessor.Sniff(photo.Jpeg.Span));
        using var output = SKBitmap.Decode(photo.Jpeg.ToArray());
        Assert.Equal((1600, 500), (output.Width, output.Height));
        Assert.Equal((1600, 500), (photo.Width, photo.Height));
        Assert.Equal("red", TestImages.NearestQuadrantColour(output, 400, 125));
        Assert.Equal("green", TestImages.NearestQuadrantColour(output, 1200, 125));
        Assert.Equal("white", TestImages.NearestQuadrantColour(output, 400, 375));
        Assert.Equal("white", TestImages.NearestQuadrantColour(output, 1200, 375));
    }

    [Fact]
    public void Process_LargeJpeg_LongSideIsTheMaxEdge()
    {
        var upload = TestImages.Jpeg(4000, 3000);

        var photo = _processor.Process(upload);

        Assert.Equal((1600, 1200), (photo.Width, photo.Height));
        using var output = SKBitmap.Decode(photo.Jpeg.ToArray());
        Assert.Equal((1600, 1200), (output.Width, output.Height));
        Assert.Equal("yellow", TestImages.NearestQuadrantColour(output, 1200, 900));
    }

    [Fact]
    public void Process_SmallWebp_KeptAtItsSizeAsJpeg()
    {
        using var source = TestImages.Quadrants(120, 60);
        var upload = TestImages.Encode(source, SKEncodedImageFormat.Webp, quality: 90);
        Assert.Equal(PackagePhotoFormat.Webp, PackagePhotoProcessor.Sniff(upload));

        var photo = _processor.Process(upload);

        Assert.Equal(PackagePhotoFormat.Jpeg, PackagePhotoProcessor.Sniff(photo.Jpeg.Span));
        Assert.Equal((120, 60), (photo.Width, photo.Height));
    }

    [Fact]
    public void Process_OptionsQualityAndEdge_Applied()
    {
        var upload = TestImages.Jpeg(800, 400);
        var small = new PackagePhotoProcessor(new PackagePhotoOptions { MaxEdgePixels = 200, JpegQuality = 30 }).Process(upload);
        var large = new PackagePhotoProcessor(new PackagePhotoOptions { MaxEdgePixels = 200, JpegQuality = 95 }).Process(upload);

        Assert.Equal((200, 100), (small.Width, small.Height));
        Assert.True(small.Jpeg.Length < large.Jpeg.Length, $"quality 30 gave {small.Jpeg.Length} bytes, quality 95 gave {large.Jpeg.Length}");
    }

    [Theory]
    [InlineData("Bonjour, ceci n'est pas une image.")]              // a text file renamed photo.jpg
    [InlineData("GIF89a\u0001\0\u0001\0\0\0\0;")]                     // an image, but not one of the three formats
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("")]
    public void Process_NotJpegPngOrWebp_NotAnImageFieldError(string content)
    {
        var error = Assert.Throws<DomainException>(() => _processor.Process(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("photo-not-an-image", error.Code);
        AssertBilingualFieldError(error, PackagePhotoTexts.NotAnImage);
    }

    [Fact]
    public void Process_JpegSignatureThenGarbage_Refused()
    {
        byte[] upload = [0xFF, 0xD8, 0xFF, .. Encoding.ASCII.GetBytes(new string('x', 2000))];

        var error = Assert.Throws<DomainException>(() => _processor.Process(upload));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains(error.Code, new[] { "photo-not-an-image", "photo-unreadable" });
        Assert.True(error.FieldErrors.ContainsKey(PackagePhotoProcessor.Field));
    }

    [Fact]
    public void Process_PngSignatureOnJpegBody_JudgedByTheBytesNotTheClaim()
    {
        // A PNG signature glued onto JPEG data: the sniffed format and the decoder must agree.
        byte[] upload = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. TestImages.Jpeg(64, 64)];

        var error = Assert.Throws<DomainException>(() => _processor.Process(upload));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.True(error.FieldErrors.ContainsKey(PackagePhotoProcessor.Field));
    }

    [Fact]
    public void Process_OneByteOverTenMegabytes_TooLargeFieldError()
    {
        var upload = new byte[(10 * 1024 * 1024) + 1];
        TestImages.Jpeg(64, 64).CopyTo(upload, 0);

        var error = Assert.Throws<DomainException>(() => _processor.Process(upload));

        Assert.Equal(ErrorKind.PayloadTooLarge, error.Kind);
        Assert.Equal("photo-too-large", error.Code);
        AssertBilingualFieldError(error, PackagePhotoTexts.TooLarge.Format("10"));
        Assert.Contains("10 Mo", error.FieldErrors[PackagePhotoProcessor.Field].Fr);
        Assert.Contains("10 MB", error.FieldErrors[PackagePhotoProcessor.Field].En);
    }

    [Fact]
    public void Process_ExactlyTenMegabytes_Accepted()
    {
        // A real JPEG padded after its end marker to the limit: decoders stop at EOI.
        var upload = new byte[10 * 1024 * 1024];
        TestImages.Jpeg(64, 64).CopyTo(upload, 0);

        var photo = _processor.Process(upload);

        Assert.Equal((64, 64), (photo.Width, photo.Height));
    }

    [Fact]
    public void Process_PngHeaderDeclaring50Megapixels_RefusedBeforeDecoding()
    {
        using var source = TestImages.Quadrants(8, 8);
        var upload = TestImages.WithPngDimensions(TestImages.Encode(source, SKEncodedImageFormat.Png), 10_000, 5_000);
        using (var codec = SKCodec.Create(SKData.CreateCopy(upload)))
        {
            Assert.Equal((10_000, 5_000), (codec.Info.Width, codec.Info.Height)); // the header really says so
        }

        var error = Assert.Throws<DomainException>(() => _processor.Process(upload));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("photo-too-many-pixels", error.Code);
        AssertBilingualFieldError(error, PackagePhotoTexts.TooManyPixels.Format(10_000, 5_000, "40"));
    }

    [Fact]
    public void Process_JpegHeaderDeclaring65000Squared_RefusedBeforeDecoding()
    {
        var upload = TestImages.WithJpegDimensions(TestImages.Jpeg(16, 16), 65_000, 65_000);

        var error = Assert.Throws<DomainException>(() => _processor.Process(upload));

        Assert.Equal("photo-too-many-pixels", error.Code);
        Assert.True(error.FieldErrors.ContainsKey(PackagePhotoProcessor.Field));
    }

    [Fact]
    public void Process_JustUnderThePixelLimit_Decoded()
    {
        var processor = new PackagePhotoProcessor(new PackagePhotoOptions { MaxSourcePixels = 320 * 160 });

        var photo = processor.Process(TestImages.Jpeg(320, 160));

        Assert.Equal((320, 160), (photo.Width, photo.Height));
        Assert.Throws<DomainException>(() => processor.Process(TestImages.Jpeg(321, 160)));
    }

    private static void AssertBilingualFieldError(DomainException error, LocalizedText expected)
    {
        var message = Assert.Single(error.FieldErrors, e => e.Key == PackagePhotoProcessor.Field).Value;
        Assert.Equal(expected, message);
        Assert.False(string.IsNullOrWhiteSpace(message.Fr));
        Assert.False(string.IsNullOrWhiteSpace(message.En));
        Assert.NotEqual(message.Fr, message.En);
    }
}
