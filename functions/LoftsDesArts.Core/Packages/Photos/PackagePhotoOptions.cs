namespace LoftsDesArts.Core.Packages.Photos;

/// <summary>Limits of <see cref="PackagePhotoProcessor"/> (configuration section <c>Packages:Photos</c>).</summary>
public sealed class PackagePhotoOptions
{
    public const string SectionName = "Packages:Photos";

    /// <summary>The largest upload accepted, in bytes (10 MB). The route's body cap should be the same.</summary>
    public int MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The stored photo's longest side, in pixels; larger images are scaled down, smaller ones kept.</summary>
    public int MaxEdgePixels { get; set; } = 1600;

    /// <summary>JPEG quality of the stored photo (1–100).</summary>
    public int JpegQuality { get; set; } = 80;

    /// <summary>
    /// The most pixels an upload may declare (width × height), checked from the header before any pixel is
    /// decoded, so that a small file claiming a huge image (a decompression bomb) cannot exhaust memory.
    /// 40 megapixels: above the default output of phone cameras, below what a 10 MB file can honestly hold.
    /// </summary>
    public long MaxSourcePixels { get; set; } = 40_000_000;
}
