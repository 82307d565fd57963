using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Staff;

/// <summary>The staff feature's user-facing strings.</summary>
public static class StaffTexts
{
    public static readonly LocalizedText NotStaffRole = new(
        "Choisissez un rôle du personnel : réception, gestionnaire, conseil d'administration ou administration.",
        "Choose a staff role: front desk, manager, board or administrator.");

    public static readonly LocalizedText AlreadyMember = new(
        "Cette personne fait déjà partie du personnel de l'immeuble. Modifiez plutôt son rôle.",
        "This person is already on the building's staff. Change their role instead.");

    public static readonly LocalizedText MemberNotFound = new(
        "Ce membre du personnel est introuvable. La liste a peut-être changé : rechargez la page.",
        "This staff member could not be found. The list may have changed: reload the page.");

    public static readonly LocalizedText InvitationNotFound = new(
        "Cette invitation est introuvable.",
        "This invitation could not be found.");

    public static readonly LocalizedText InvitationNotPending = new(
        "Cette invitation a déjà été acceptée, annulée ou elle a expiré.",
        "This invitation was already accepted, cancelled, or it has expired.");

    public static readonly LocalizedText OwnRole = new(
        "Vous ne pouvez pas modifier votre propre rôle ni vous retirer du personnel. Demandez à un autre administrateur.",
        "You cannot change your own role or remove yourself from the staff. Ask another administrator.");

    public static readonly LocalizedText LastAdmin = new(
        "L'immeuble doit garder au moins un administrateur. Nommez d'abord un autre administrateur.",
        "The building must keep at least one administrator. Appoint another administrator first.");

    public static readonly LocalizedText InvitationInvalid = new(
        "Ce lien d'invitation n'est pas valide ou a déjà servi. Demandez une nouvelle invitation à l'administration de l'immeuble.",
        "This invitation link is not valid or was already used. Ask the building's administration for a new invitation.");

    public static readonly LocalizedText InvitationExpired = new(
        "Cette invitation a expiré. Demandez-en une nouvelle à l'administration de l'immeuble.",
        "This invitation has expired. Ask the building's administration for a new one.");

    public static readonly LocalizedText AcceptFormFirst = new(
        "Remplissez d'abord le formulaire de l'invitation.",
        "Fill in the invitation form first.");

    public static readonly LocalizedText ResidentNeedsPassword = new(
        "Cette adresse appartient à un compte de résident. Acceptez l'invitation avec le mot de passe de ce compte : la vérification en deux étapes sera ajoutée.",
        "This address belongs to a resident account. Accept the invitation with that account's password: two-step verification will be added.");

    public static readonly LocalizedText StaffAccountExists = new(
        "Cette adresse a déjà un compte du personnel : acceptez simplement l'invitation, puis connectez-vous.",
        "This address already has a staff account: just accept the invitation, then sign in.");
}
