using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Units;

public static class UnitTexts
{
    public static readonly LocalizedText ImportInvalid = new(
        "Le fichier contient des erreurs; aucune unité n'a été importée. Corrigez les lignes indiquées et réessayez.",
        "The file contains errors; no unit was imported. Fix the rows listed and try again.");

    public static readonly LocalizedText MissingHeader = new(
        "La première ligne doit nommer les colonnes : number, floor, type (et, au besoin, area, bedrooms).",
        "The first line must name the columns: number, floor, type (and, if needed, area, bedrooms).");

    public static readonly LocalizedText Empty = new(
        "Le fichier ne contient aucune unité.",
        "The file contains no units.");

    public static readonly LocalizedText NumberRequired = new(
        "Le numéro d'unité est obligatoire.",
        "The unit number is required.");

    public static readonly LocalizedText NumberInvalid = new(
        "Le numéro d'unité ne peut contenir que des lettres et des chiffres (10 au plus).",
        "The unit number may contain only letters and digits (10 at most).");

    public static readonly LocalizedText NumberDuplicate = new(
        "Ce numéro d'unité apparaît plus d'une fois dans le fichier.",
        "This unit number appears more than once in the file.");

    public static readonly LocalizedText FloorInvalid = new(
        "L'étage doit être un nombre entier entre 0 et 200.",
        "The floor must be a whole number between 0 and 200.");

    public static readonly LocalizedText TypeInvalid = new(
        "Le type doit être « residential » (résidentiel) ou « commercial ».",
        "The type must be \"residential\" or \"commercial\".");

    public static readonly LocalizedText AreaInvalid = new(
        "La superficie doit être un nombre entier de pieds carrés entre 1 et 100 000.",
        "The area must be a whole number of square feet between 1 and 100,000.");

    public static readonly LocalizedText BedroomsInvalid = new(
        "Le nombre de chambres doit être un nombre entier entre 0 et 20.",
        "The number of bedrooms must be a whole number between 0 and 20.");

    public static readonly LocalizedText TooManyRows = new(
        "Le fichier dépasse 2 000 unités.",
        "The file has more than 2,000 units.");

    public static readonly LocalizedText AlreadyExists = new(
        "Cette unité existe déjà dans le registre de l'immeuble.",
        "This unit is already on the building's roster.");

    public static readonly LocalizedText UnitNotFound = new(
        "Cette unité est introuvable.",
        "This unit could not be found.");
}
