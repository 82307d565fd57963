using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Packages.Photos;

/// <summary>The user-facing strings of package photos.</summary>
public static class PackagePhotoTexts
{
    public static readonly LocalizedText TooLarge = new(
        "La photo est trop volumineuse. La taille maximale est de {0} Mo.",
        "The photo is too large. The maximum size is {0} MB.");

    public static readonly LocalizedText NotAnImage = new(
        "Ce fichier n'est pas une image. Choisissez une photo JPEG, PNG ou WebP.",
        "This file is not an image. Choose a JPEG, PNG or WebP photo.");

    public static readonly LocalizedText Unreadable = new(
        "L'image n'a pas pu être lue. Le fichier est peut-être endommagé; prenez une nouvelle photo.",
        "The image could not be read. The file may be damaged; take a new photo.");

    public static readonly LocalizedText TooManyPixels = new(
        "L'image est trop grande ({0} × {1} pixels). Prenez une photo d'au plus {2} mégapixels.",
        "The image is too large ({0} × {1} pixels). Take a photo of at most {2} megapixels.");
}
