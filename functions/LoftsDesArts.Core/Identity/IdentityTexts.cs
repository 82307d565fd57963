using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Identity;

/// <summary>The identity feature's user-facing strings.</summary>
public static class IdentityTexts
{
    public static readonly LocalizedText PasswordTooShort = new(
        $"Le mot de passe doit compter au moins {PasswordPolicy.MinLength} caractères. Une phrase de passe de quelques mots fait l'affaire.",
        $"The password must be at least {PasswordPolicy.MinLength} characters long. A passphrase of a few words works well.");

    public static readonly LocalizedText PasswordTooGuessable = new(
        "Ce mot de passe est trop facile à deviner. Évitez les mots courants, votre nom ou votre adresse courriel; ajoutez quelques mots.",
        "This password is too easy to guess. Avoid common words, your name or your email address; add a few more words.");

    public static readonly LocalizedText InvalidCredentials = new(
        "Adresse courriel ou mot de passe incorrect.",
        "Incorrect email address or password.");

    public static readonly LocalizedText EmailUnverified = new(
        "Confirmez d'abord votre adresse courriel : suivez le lien ou entrez le code reçu par courriel.",
        "Confirm your email address first: follow the link or enter the code we emailed you.");

    public static readonly LocalizedText SessionExpired = new(
        "Votre session a expiré. Veuillez vous reconnecter.",
        "Your session has expired. Please sign in again.");

    public static readonly LocalizedText SessionLocked = new(
        "La console est verrouillée. Entrez votre mot de passe pour la déverrouiller.",
        "The console is locked. Enter your password to unlock it.");

    public static readonly LocalizedText TooManyAttempts = new(
        "Trop de tentatives. Patientez un moment avant de réessayer.",
        "Too many attempts. Wait a moment before trying again.");

    public static readonly LocalizedText VerificationInvalid = new(
        "Ce lien ou ce code n'est pas valide. Vérifiez-le ou demandez-en un nouveau.",
        "This link or code is not valid. Check it or ask for a new one.");

    public static readonly LocalizedText VerificationExpired = new(
        "Ce lien ou ce code a expiré. Demandez-en un nouveau.",
        "This link or code has expired. Ask for a new one.");

    public static readonly LocalizedText TotpInvalid = new(
        "Ce code de vérification n'est pas valide. Entrez le code à six chiffres affiché dans votre application d'authentification.",
        "This verification code is not valid. Enter the six-digit code shown in your authenticator app.");

    public static readonly LocalizedText TotpChallengeMissing = new(
        "Votre connexion a pris trop de temps. Entrez de nouveau votre courriel et votre mot de passe.",
        "Your sign-in took too long. Enter your email and password again.");

    public static readonly LocalizedText CurrentPasswordWrong = new(
        "Le mot de passe actuel est incorrect.",
        "The current password is incorrect.");

    public static readonly LocalizedText EmailTaken = new(
        "Cette adresse courriel est déjà utilisée par un autre compte.",
        "This email address is already used by another account.");

    public static readonly LocalizedText SessionNotFound = new(
        "Cette session n'existe plus.",
        "This session no longer exists.");

    public static readonly LocalizedText AccountDeactivated = new(
        "Ce compte est désactivé. Communiquez avec la gestion de l'immeuble.",
        "This account is deactivated. Contact the building's management.");

    public static readonly LocalizedText EntraNotConfigured = new(
        "La connexion avec Microsoft n'est pas configurée pour ce portail.",
        "Sign-in with Microsoft is not configured for this portal.");

    public static readonly LocalizedText EntraFailed = new(
        "La connexion avec Microsoft a échoué. Réessayez.",
        "Sign-in with Microsoft failed. Try again.");

    public static readonly LocalizedText EntraNotStaff = new(
        "Ce compte Microsoft n'a pas accès à la console de gestion. Demandez à un administrateur de vous inviter.",
        "This Microsoft account has no access to the management console. Ask an administrator to invite you.");

    public static readonly LocalizedText EntraLinkedElsewhere = new(
        "Ce compte Microsoft est déjà lié à un autre compte du portail.",
        "This Microsoft account is already linked to another portal account.");

    public static readonly LocalizedText EntraUnavailable = new(
        "Le service de connexion de Microsoft ne répond pas pour l'instant. Réessayez dans un moment.",
        "Microsoft's sign-in service is not answering right now. Try again in a moment.");
}
