using System.Globalization;
using System.Text;

namespace Attend.Data;

/// <summary>
/// Canonical decompositions of the precomposed Latin letters (Unicode blocks Latin-1 Supplement, Latin Extended-A/B
/// and Latin Extended Additional): "é" = "e" + U+0301. The library runs with invariant globalization, where
/// <c>string.Normalize</c> does nothing, so the tokenizer decomposes (to strip accents, as NFD does) and composes
/// (to keep them, as NFC does) with this table instead. The data are Unicode's own (UnicodeData.txt): each line
/// lists, for one combining mark, pairs "precomposed letter, letter it is built on". A letter built on another
/// precomposed letter ("ệ" on "ẹ") decomposes again.
/// </summary>
/// <remarks>Used in Chapter 3: translation with attention (notebooks/03-translation-with-attention.ipynb).</remarks>
internal static class LatinAccents
{
    private static readonly Dictionary<char, string> PairsByMark = new()
    {
        ['\u0300'] = "ÀA ÈE ÌI ÒO ÙU àa èe ìi òo ùu ǛÜ ǜü ǸN ǹn ḔĒ ḕē ṐŌ ṑō ẀW ẁw ẦÂ ầâ ẰĂ ằă ỀÊ ềê ỒÔ ồô ỜƠ ờơ ỪƯ ừư ỲY ỳy", // grave accent
        ['\u0301'] = "ÁA ÉE ÍI ÓO ÚU ÝY áa ée íi óo úu ýy ĆC ćc ĹL ĺl ŃN ńn ŔR ŕr ŚS śs ŹZ źz ǗÜ ǘü ǴG ǵg ǺÅ ǻå ǼÆ ǽæ ǾØ ǿø ḈÇ ḉç ḖĒ ḗē ḮÏ ḯï ḰK ḱk ḾM ḿm ṌÕ ṍõ ṒŌ ṓō ṔP ṕp ṸŨ ṹũ ẂW ẃw ẤÂ ấâ ẮĂ ắă ẾÊ ếê ỐÔ ốô ỚƠ ớơ ỨƯ ứư", // acute accent
        ['\u0302'] = "ÂA ÊE ÎI ÔO ÛU âa êe îi ôo ûu ĈC ĉc ĜG ĝg ĤH ĥh ĴJ ĵj ŜS ŝs ŴW ŵw ŶY ŷy ẐZ ẑz ẬẠ ậạ ỆẸ ệẹ ỘỌ ộọ", // circumflex accent
        ['\u0303'] = "ÃA ÑN ÕO ãa ñn õo ĨI ĩi ŨU ũu ṼV ṽv ẪÂ ẫâ ẴĂ ẵă ẼE ẽe ỄÊ ễê ỖÔ ỗô ỠƠ ỡơ ỮƯ ữư ỸY ỹy", // tilde
        ['\u0304'] = "ĀA āa ĒE ēe ĪI īi ŌO ōo ŪU ūu ǕÜ ǖü ǞÄ ǟä ǠȦ ǡȧ ǢÆ ǣæ ǬǪ ǭǫ ȪÖ ȫö ȬÕ ȭõ ȰȮ ȱȯ ȲY ȳy ḠG ḡg ḸḶ ḹḷ ṜṚ ṝṛ", // macron
        ['\u0306'] = "ĂA ăa ĔE ĕe ĞG ğg ĬI ĭi ŎO ŏo ŬU ŭu ḜȨ ḝȩ ẶẠ ặạ", // breve
        ['\u0307'] = "ĊC ċc ĖE ėe ĠG ġg İI ŻZ żz ȦA ȧa ȮO ȯo ḂB ḃb ḊD ḋd ḞF ḟf ḢH ḣh ṀM ṁm ṄN ṅn ṖP ṗp ṘR ṙr ṠS ṡs ṤŚ ṥś ṦŠ ṧš ṨṢ ṩṣ ṪT ṫt ẆW ẇw ẊX ẋx ẎY ẏy ẛſ", // dot above
        ['\u0308'] = "ÄA ËE ÏI ÖO ÜU äa ëe ïi öo üu ÿy ŸY ḦH ḧh ṎÕ ṏõ ṺŪ ṻū ẄW ẅw ẌX ẍx ẗt", // diaeresis
        ['\u0309'] = "ẢA ảa ẨÂ ẩâ ẲĂ ẳă ẺE ẻe ỂÊ ểê ỈI ỉi ỎO ỏo ỔÔ ổô ỞƠ ởơ ỦU ủu ỬƯ ửư ỶY ỷy", // hook above
        ['\u030A'] = "ÅA åa ŮU ůu ẘw ẙy", // ring above
        ['\u030B'] = "ŐO őo ŰU űu", // double acute accent
        ['\u030C'] = "ČC čc ĎD ďd ĚE ěe ĽL ľl ŇN ňn ŘR řr ŠS šs ŤT ťt ŽZ žz ǍA ǎa ǏI ǐi ǑO ǒo ǓU ǔu ǙÜ ǚü ǦG ǧg ǨK ǩk ǮƷ ǯʒ ǰj ȞH ȟh", // caron
        ['\u030F'] = "ȀA ȁa ȄE ȅe ȈI ȉi ȌO ȍo ȐR ȑr ȔU ȕu", // double grave accent
        ['\u0311'] = "ȂA ȃa ȆE ȇe ȊI ȋi ȎO ȏo ȒR ȓr ȖU ȗu", // inverted breve
        ['\u031B'] = "ƠO ơo ƯU ưu", // horn
        ['\u0323'] = "ḄB ḅb ḌD ḍd ḤH ḥh ḲK ḳk ḶL ḷl ṂM ṃm ṆN ṇn ṚR ṛr ṢS ṣs ṬT ṭt ṾV ṿv ẈW ẉw ẒZ ẓz ẠA ạa ẸE ẹe ỊI ịi ỌO ọo ỢƠ ợơ ỤU ụu ỰƯ ựư ỴY ỵy", // dot below
        ['\u0324'] = "ṲU ṳu", // diaeresis below
        ['\u0325'] = "ḀA ḁa", // ring below
        ['\u0326'] = "ȘS șs ȚT țt", // comma below
        ['\u0327'] = "ÇC çc ĢG ģg ĶK ķk ĻL ļl ŅN ņn ŖR ŗr ŞS şs ŢT ţt ȨE ȩe ḐD ḑd ḨH ḩh", // cedilla
        ['\u0328'] = "ĄA ąa ĘE ęe ĮI įi ŲU ųu ǪO ǫo", // ogonek
        ['\u032D'] = "ḒD ḓd ḘE ḙe ḼL ḽl ṊN ṋn ṰT ṱt ṶU ṷu", // circumflex accent below
        ['\u032E'] = "ḪH ḫh", // breve below
        ['\u0330'] = "ḚE ḛe ḬI ḭi ṴU ṵu", // tilde below
        ['\u0331'] = "ḆB ḇb ḎD ḏd ḴK ḵk ḺL ḻl ṈN ṉn ṞR ṟr ṮT ṯt ẔZ ẕz ẖh", // macron below
    };

    private static readonly Dictionary<char, (char Base, char Mark)> Decompositions = BuildDecompositions();
    private static readonly Dictionary<(char Base, char Mark), char> Compositions =
        Decompositions.ToDictionary(kv => kv.Value, kv => kv.Key);

    private static Dictionary<char, (char, char)> BuildDecompositions()
    {
        var result = new Dictionary<char, (char, char)>();
        foreach (var (mark, pairs) in PairsByMark)
        {
            foreach (var pair in pairs.Split(' '))
            {
                result.Add(pair[0], (pair[1], mark));
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="c"/> is a combining mark (Unicode category Mn), such as an accent.</summary>
    public static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>The letter <paramref name="c"/> is built on, all accents removed ("ệ" → "ẹ" → "e"); other characters unchanged.</summary>
    public static char Base(char c)
    {
        while (Decompositions.TryGetValue(c, out var parts))
        {
            c = parts.Base;
        }

        return c;
    }

    /// <summary>
    /// Drops the accents of Latin letters and every combining mark, as Python's
    /// <c>''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')</c>.
    /// </summary>
    public static string Strip(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var letter = Base(c);
            if (!IsMark(letter))
            {
                result.Append(letter);
            }
        }

        return result.ToString();
    }

    /// <summary>The precomposed letter for <paramref name="letter"/> followed by the combining <paramref name="mark"/> ("e" + U+0301 → "é"), if Unicode has one.</summary>
    public static bool TryCompose(char letter, char mark, out char composed) =>
        Compositions.TryGetValue((letter, mark), out composed);

    /// <summary>
    /// Joins a Latin letter and the combining marks after it into one precomposed letter where Unicode has one
    /// ("e" + U+0301 → "é"), as NFC does for the Latin letters; marks that do not compose stay as they are.
    /// </summary>
    public static string Compose(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsMark(c) && result.Length > 0 && Compositions.TryGetValue((result[^1], c), out var composed))
            {
                result[^1] = composed;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
