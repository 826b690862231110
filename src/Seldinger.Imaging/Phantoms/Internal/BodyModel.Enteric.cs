namespace Seldinger.Imaging.Phantoms.Internal;

internal sealed partial class BodyModel
{
    /// <summary>
    /// Landmarks of the enteric route from the nose to the jejunum, for nasojejunal tube planning. Points only:
    /// no voxel changes. The nose and nasopharynx lie in the head, above the modelled body, at positions estimated
    /// from the head height; the oesophagus has no label and runs behind the airway; the gastro-oesophageal
    /// junction and the pylorus lie inside the stomach ellipsoid; the duodenum (not drawn) is a C-loop of
    /// landmarks from the pylorus round the right of the spine and across to the flexure; the duodenojejunal
    /// flexure and the jejunum points are the centre line of the drawn jejunal loop.
    /// </summary>
    private void EntericLandmarks(Point carina, double tracheaR)
    {
        var head = Stature - ZChin;
        Landmark("nostril", new Point(0, NeckCy - (1.5 * NeckB), ZChin + (0.27 * head)), null, null);
        Landmark("nasopharynx", new Point(0, NeckCy - (0.2 * NeckB), ZChin + (0.3 * head)), null, null);
        var oesophagusY = NeckCy - (0.3 * NeckB) + (2 * tracheaR);
        Landmark("oesophagus-upper", new Point(0, oesophagusY, ZSternalNotch + (0.5 * (ZChin - ZSternalNotch))), null, null);
        Landmark("oesophagus-mid", new Point(0.02 * ChestWidth, carina.Y + (2 * tracheaR), carina.Z), null, null);

        var c = StomachCenter;
        var r = StomachRadii;
        Landmark("gastro-oesophageal-junction", new Point(c.X - (0.6 * r.X), c.Y + (0.25 * r.Y), c.Z + (0.35 * r.Z)), null, null);
        Landmark("pylorus", new Point(c.X - (0.7 * r.X), c.Y - (0.1 * r.Y), c.Z - (0.45 * r.Z)), null, null);
        Landmark("duodenal-bulb", Ref(-10, -10, 10), null, null);
        Landmark("duodenum-descending", Ref(-28, 5, -10), null, null);
        Landmark("duodenum-horizontal", Ref(-10, 0, -52), null, null);

        var lumen = 2 * 9 * Math.Sqrt(Sx * Sy);
        var jejunum = AbdomenAnatomy.Jejunum;
        Landmark("duodenojejunal-flexure", Ref(jejunum[0].X, jejunum[0].Y, jejunum[0].Z), lumen, Ref(jejunum[1].X, jejunum[1].Y, jejunum[1].Z) - Ref(jejunum[0].X, jejunum[0].Y, jejunum[0].Z));
        for (var n = 1; n < jejunum.Length; n++)
        {
            var p = Ref(jejunum[n].X, jejunum[n].Y, jejunum[n].Z);
            var previous = Ref(jejunum[n - 1].X, jejunum[n - 1].Y, jejunum[n - 1].Z);
            Landmark($"jejunum-{n}", p, lumen, p - previous);
        }
    }
}
