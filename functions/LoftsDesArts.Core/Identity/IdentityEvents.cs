namespace LoftsDesArts.Core.Identity;

/// <summary>Event kinds of the identity feature (account partition).</summary>
public static class IdentityEvents
{
    /// <summary>A new account: send the verification email.</summary>
    public const string Registered = "account.registered";

    /// <summary>Someone tried to register with an address that has an account: tell its owner.</summary>
    public const string RegistrationAttempted = "account.registration-attempted";

    public const string VerificationRequested = "account.verification-requested";

    public const string SignInCodeRequested = "account.sign-in-code-requested";

    public const string PasswordResetRequested = "account.password-reset-requested";

    public const string PasswordChanged = "account.password-changed";

    public const string EmailChangeRequested = "account.email-change-requested";

    public const string EmailChanged = "account.email-changed";

    public const string SignedOutEverywhere = "account.signed-out-everywhere";

    public const string MembershipsChanged = "account.memberships-changed";
}
