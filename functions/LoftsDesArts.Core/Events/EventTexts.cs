using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Events;

/// <summary>What staff read about background work (dead letters and their retry).</summary>
public static class EventTexts
{
    public static readonly LocalizedText DeadLetterNotFound = new(
        "Ce traitement en échec est introuvable. Il a peut-être déjà été relancé avec succès.",
        "This failed task could not be found. It may already have been retried successfully.");

    public static readonly LocalizedText HandlerUnavailable = new(
        "Ce traitement n'existe plus dans cette version du portail; il ne peut pas être relancé.",
        "This task no longer exists in this version of the portal; it cannot be retried.");

    public static readonly LocalizedText EventGone = new(
        "L'événement d'origine n'existe plus (il a expiré); ce traitement ne peut pas être relancé.",
        "The original event no longer exists (it has expired); this task cannot be retried.");

    public static readonly LocalizedText RetrySucceeded = new(
        "Le traitement a réussi. Il a été retiré de la liste.",
        "The task succeeded. It has been removed from the list.");

    public static readonly LocalizedText RetryFailed = new(
        "Le traitement a encore échoué. Il reste dans la liste; réessayez plus tard ou signalez-le au soutien technique.",
        "The task failed again. It stays in the list; try again later or report it to technical support.");

    public static readonly LocalizedText InvalidContinuation = new(
        "Le jeton de pagination est invalide. Rechargez la liste.",
        "The paging token is not valid. Reload the list.");
}
