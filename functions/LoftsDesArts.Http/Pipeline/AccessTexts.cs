using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Http.Pipeline;

internal static class AccessTexts
{
    public static readonly LocalizedText EmailUnverified = new(
        "Confirmez d'abord votre adresse courriel : suivez le lien ou entrez le code reçu par courriel.",
        "Confirm your email address first: follow the link or enter the code we emailed you.");
}
