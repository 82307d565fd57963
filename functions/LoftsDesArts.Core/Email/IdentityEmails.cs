using LoftsDesArts.Core.Access;

namespace LoftsDesArts.Core.Email;

// The emails of the identity feature. Links never act on a plain GET (mail scanners open them):
// each opens a page whose button posts (DESIGN §5).

/// <summary>Confirms an address: a link to a page with a confirm button, and a short code to paste.</summary>
public sealed record VerifyEmail(string Name, Uri Link, string Code, DateTimeOffset ExpiresAt) : EmailModel;

/// <summary>A one-time sign-in code.</summary>
public sealed record SignInCode(string Name, string Code, DateTimeOffset ExpiresAt) : EmailModel;

/// <summary>A link to choose a new password.</summary>
public sealed record PasswordReset(string Name, Uri Link, DateTimeOffset ExpiresAt) : EmailModel;

/// <summary>Sent after a password change, with "if this was not you" guidance.</summary>
public sealed record PasswordChanged(string Name, DateTimeOffset At) : EmailModel;

/// <summary>Sent to the old address after an email change; the new one is shown masked.</summary>
public sealed record EmailChanged(string Name, string NewEmailMasked, DateTimeOffset At) : EmailModel;

/// <summary>Someone tried to register with an address that already has an account.</summary>
public sealed record AccountExists(string Name, Uri SignInLink, Uri ResetLink) : EmailModel;

/// <summary>A registration is waiting for management's approval.</summary>
public sealed record RegistrationReceived(string Name, string UnitNumber) : EmailModel;

public sealed record RegistrationApproved(string Name, string UnitNumber, Uri SignInLink) : EmailModel;

/// <summary><paramref name="Reason"/> is the staff member's own words, shown as written.</summary>
public sealed record RegistrationRejected(string Name, string UnitNumber, string? Reason) : EmailModel;

public sealed record StaffInvitation(string Name, string BuildingName, Role Role, Uri Link, DateTimeOffset ExpiresAt) : EmailModel;
