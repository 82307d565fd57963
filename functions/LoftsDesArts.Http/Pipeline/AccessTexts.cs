using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Http.Pipeline;

internal static class AccessTexts
{
    public static readonly LocalizedText EmailUnverified = new(
        "Confirmez d'abord votre adresse courriel : suivez le lien ou entrez le code reçu par courriel.",
        "Confirm your email address first: follow the link or enter the code we emailed you.");

    public static readonly LocalizedText SessionExpired = new(
        "Votre session a expiré. Veuillez vous reconnecter.",
        "Your session has expired. Please sign in again.");

    public static readonly LocalizedText SessionLocked = new(
        "La console est verrouillée. Entrez votre mot de passe pour la déverrouiller.",
        "The console is locked. Enter your password to unlock it.");
}
