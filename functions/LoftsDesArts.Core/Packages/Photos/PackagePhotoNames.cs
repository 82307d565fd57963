using System.Text.RegularExpressions;

namespace LoftsDesArts.Core.Packages.Photos;

/// <summary>
/// The object name of a package photo, <c>{buildingId}/{packageId}.jpg</c>, shared by every
/// <see cref="IPackagePhotoStore"/>. Each id is checked (letters, digits, <c>-</c> and <c>_</c>, at most
/// 128 characters), so neither can climb out of its folder or add a path segment.
/// </summary>
public static partial class PackagePhotoNames
{
    public const string Extension = ".jpg";

    public const string ContentType = "image/jpeg";

    public static string ObjectName(string buildingId, string packageId)
    {
        CheckId(buildingId, nameof(buildingId));
        CheckId(packageId, nameof(packageId));
        return buildingId + "/" + packageId + Extension;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="id"/> is a safe single path segment.</summary>
    public static void CheckId(string id, string parameterName)
    {
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            throw new ArgumentException("An id in a photo name is 1 to 128 letters, digits, '-' or '_'.", parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
