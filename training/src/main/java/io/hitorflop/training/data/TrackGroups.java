package io.hitorflop.training.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connected components of the "same primary artist or same track id" relation (union-find), so
 * that a split along components keeps every artist and every track on one side only.
 */
public final class TrackGroups {

    private final int[] componentOf;
    private final int count;

    private TrackGroups(int[] componentOf, int count) {
        this.componentOf = componentOf;
        this.count = count;
    }

    public static TrackGroups of(List<Track> tracks) {
        int n = tracks.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithArtist = new HashMap<>();
        Map<String, Integer> firstWithId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Track track = tracks.get(i);
            union(parent, i, firstWithArtist.getOrDefault(track.primaryArtist(), -1));
            union(parent, i, firstWithId.getOrDefault(track.trackId(), -1));
            firstWithArtist.putIfAbsent(track.primaryArtist(), i);
            firstWithId.putIfAbsent(track.trackId(), i);
        }
        int[] componentOf = new int[n];
        Map<Integer, Integer> numbering = new HashMap<>();
        for (int i = 0; i < n; i++) {
            componentOf[i] = numbering.computeIfAbsent(find(parent, i), root -> numbering.size());
        }
        return new TrackGroups(componentOf, numbering.size());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        if (b < 0) {
            return;
        }
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA != rootB) {
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
        }
    }

    /** Component number of a track; numbers follow first appearance in the file, 0..count-1. */
    public int componentOf(int track) {
        return componentOf[track];
    }

    public int count() {
        return count;
    }

    public int size() {
        return componentOf.length;
    }
}
