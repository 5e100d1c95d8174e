//! The hand-off graph: which deliverable needs which, across programs.
//! Built once per load and shared by validation, derived state, impact
//! analysis and the board.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{DeliverableRef, Need, Portfolio};

/// A map keyed by ids with a fast, non-randomised hash: the keys come from
/// the user's own plan files, and SipHash was a tenth of `check`'s time.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The Fx hash (rustc's): a multiply and a rotate per 8 bytes.
#[derive(Clone, Copy, Default)]
pub struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Dense numbers by (program id, deliverable id); a later duplicate wins.
/// One small map per program (they stay in cache) when program ids are
/// unique, as after loading; one map of pairs otherwise.
enum NeedIds<'a> {
    PerProgram {
        programs: IdMap<&'a str, usize>,
        deliverables: Vec<IdMap<&'a str, usize>>,
    },
    Pairs(IdMap<(&'a str, &'a str), usize>),
}

impl<'a> NeedIds<'a> {
    fn new(portfolio: &'a Portfolio, offsets: &[usize]) -> Self {
        let mut programs: IdMap<&str, usize> = IdMap::default();
        for (p, prog) in portfolio.programs.iter().enumerate() {
            programs.insert(prog.id.as_str(), p);
        }
        if programs.len() == portfolio.programs.len() {
            let deliverables = portfolio
                .programs
                .iter()
                .zip(offsets)
                .map(|(prog, &first)| {
                    let mut map = IdMap::with_capacity_and_hasher(
                        prog.deliverables.len(),
                        Default::default(),
                    );
                    for (index, d) in prog.deliverables.iter().enumerate() {
                        map.insert(d.id.as_str(), first + index);
                    }
                    map
                })
                .collect();
            return NeedIds::PerProgram {
                programs,
                deliverables,
            };
        }
        let mut pairs = IdMap::default();
        for (prog, &first) in portfolio.programs.iter().zip(offsets) {
            for (index, d) in prog.deliverables.iter().enumerate() {
                pairs.insert((prog.id.as_str(), d.id.as_str()), first + index);
            }
        }
        NeedIds::Pairs(pairs)
    }

    fn get(&self, program: &str, id: &str) -> Option<usize> {
        match self {
            NeedIds::PerProgram {
                programs,
                deliverables,
            } => deliverables[*programs.get(program)?].get(id).copied(),
            NeedIds::Pairs(pairs) => pairs.get(&(program, id)).copied(),
        }
    }
}

/// The edges of every node in one allocation: `edges[i]` is node `i`'s list.
/// (A vector per node was 40,000 small allocations per load.)
#[derive(Clone, Debug, Default)]
pub struct Edges {
    /// Node `i`'s edges are `targets[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    targets: Vec<usize>,
}

impl Edges {
    /// The edges `(from, to)` of `nodes` nodes; each node keeps its edges in
    /// the order given.
    fn from_pairs(nodes: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Edges {
        let mut starts = vec![0; nodes + 1];
        for (from, _) in pairs.clone() {
            starts[from + 1] += 1;
        }
        for i in 0..nodes {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut targets = vec![0; starts[nodes]];
        for (from, to) in pairs {
            targets[next[from]] = to;
            next[from] += 1;
        }
        Edges { starts, targets }
    }
}

impl std::ops::Index<usize> for Edges {
    type Output = [usize];

    fn index(&self, node: usize) -> &[usize] {
        &self.targets[self.starts[node]..self.starts[node + 1]]
    }
}

/// Which way a walk along the hand-offs goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// To what a deliverable needs (waits for).
    Upstream,
    /// To who needs it (waits for it).
    Downstream,
}

/// Deliverables numbered densely (program by program) with resolved needs.
#[derive(Clone, Debug, Default)]
pub struct NeedGraph {
    /// `offsets[p]` is the dense number of program `p`'s first deliverable.
    offsets: Vec<usize>,
    refs: Vec<DeliverableRef>,
    /// Resolved needs of each deliverable (unknown ones are left out).
    pub needs: Edges,
    /// The reverse edges: who waits for each deliverable.
    pub needed_by: Edges,
}

impl NeedGraph {
    pub fn new(portfolio: &Portfolio) -> NeedGraph {
        let mut offsets = Vec::with_capacity(portfolio.programs.len());
        let mut refs = Vec::with_capacity(portfolio.deliverable_count());
        for (p, prog) in portfolio.programs.iter().enumerate() {
            offsets.push(refs.len());
            refs.extend(
                (0..prog.deliverables.len()).map(|index| DeliverableRef { program: p, index }),
            );
        }
        let ids = NeedIds::new(portfolio, &offsets);
        let mut pairs = Vec::new();
        for (i, r) in refs.iter().enumerate() {
            let prog = &portfolio.programs[r.program];
            for need in &prog.deliverables[r.index].needs {
                let program = need.program.as_deref().unwrap_or(&prog.id);
                if let Some(j) = ids.get(program, &need.id) {
                    pairs.push((i, j));
                }
            }
        }
        let needs = Edges::from_pairs(refs.len(), pairs.iter().copied());
        let needed_by = Edges::from_pairs(refs.len(), pairs.iter().map(|&(i, j)| (j, i)));
        NeedGraph {
            offsets,
            refs,
            needs,
            needed_by,
        }
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    pub fn index(&self, r: DeliverableRef) -> usize {
        self.offsets[r.program] + r.index
    }

    pub fn deliverable(&self, i: usize) -> DeliverableRef {
        self.refs[i]
    }

    /// [`NeedGraph::index`], checked: `None` for an address the graph's
    /// portfolio does not have.
    pub fn get_index(&self, r: DeliverableRef) -> Option<usize> {
        let i = self.offsets.get(r.program)? + r.index;
        let next = self
            .offsets
            .get(r.program + 1)
            .copied()
            .unwrap_or(self.refs.len());
        (i < next).then_some(i)
    }

    /// Resolves a need written in `program` to its dense number (by the
    /// portfolio's id index: linear in the needs, not a scan each).
    pub fn resolve(&self, portfolio: &Portfolio, program: usize, need: &Need) -> Option<usize> {
        let prog = match &need.program {
            Some(id) => portfolio.program_index(id)?,
            None => program,
        };
        self.get_index(portfolio.deliverable_in(prog, &need.id)?)
    }

    /// Everything `start` reaches in one direction, transitively, as
    /// (depth, dense number) in depth-first order: the lines of a tree.
    /// Each deliverable appears once (a cycle ends there); at most `limit`.
    pub fn tree(&self, start: usize, direction: Direction, limit: usize) -> Vec<(usize, usize)> {
        let next = |i: usize| match direction {
            Direction::Upstream => &self.needs[i],
            Direction::Downstream => &self.needed_by[i],
        };
        let mut out = Vec::new();
        let mut seen = HashSet::from([start]);
        let mut stack: Vec<(usize, usize)> = next(start).iter().rev().map(|&j| (1, j)).collect();
        while let Some((depth, i)) = stack.pop() {
            if out.len() >= limit {
                break;
            }
            if !seen.insert(i) {
                continue;
            }
            out.push((depth, i));
            stack.extend(next(i).iter().rev().map(|&j| (depth + 1, j)));
        }
        out
    }

    /// The hand-offs that can never arrive: for each group of deliverables
    /// that wait on each other in a loop (a strongly connected component,
    /// or one that needs itself), the shortest cycle through its first
    /// deliverable. Linear in the graph: a dense tangle has far too many
    /// cycles to list them all.
    pub fn cycles(&self) -> Vec<Cycle> {
        let groups = self.loops();
        let mut group_of = vec![usize::MAX; self.len()];
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                group_of[m] = g;
            }
        }
        groups
            .iter()
            .enumerate()
            .filter_map(|(g, members)| {
                let first = *members.iter().min()?;
                let path = self.shortest_cycle(first, |n| group_of[n] == g)?;
                Some(Cycle {
                    path,
                    group: members.len(),
                })
            })
            .collect()
    }

    /// Strongly connected components of two or more deliverables, or of
    /// one that needs itself.
    fn loops(&self) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        self.components(|members| {
            if members.len() > 1 || self.needs[members[0]].contains(&members[0]) {
                out.push(members.to_vec());
            }
        });
        out
    }

    /// Every deliverable after everything it needs (a forward pass visits
    /// them in this order), and which ones are in a loop of hand-offs (a
    /// group that waits on itself, or one that needs itself): inside a
    /// loop there is no order. Linear in deliverables plus needs.
    pub fn forward_order(&self) -> (Vec<usize>, Vec<bool>) {
        let mut order = Vec::with_capacity(self.len());
        let mut in_loop = vec![false; self.len()];
        self.components(|members| {
            let looped = members.len() > 1 || self.needs[members[0]].contains(&members[0]);
            for &m in members {
                in_loop[m] = looped;
                order.push(m);
            }
        });
        (order, in_loop)
    }

    /// Calls `emit` with each strongly connected component (never empty),
    /// every component after the components it needs (Tarjan's algorithm
    /// finishes them in that order; an explicit stack, no recursion).
    fn components(&self, mut emit: impl FnMut(&[usize])) {
        const NEW: usize = usize::MAX;
        let n = self.len();
        let mut index = vec![NEW; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut next = 0;
        for start in 0..n {
            if index[start] != NEW {
                continue;
            }
            let mut calls = vec![(start, 0usize)];
            index[start] = next;
            low[start] = next;
            next += 1;
            stack.push(start);
            on_stack[start] = true;
            while let Some(top) = calls.last_mut() {
                let v = top.0;
                if let Some(&w) = self.needs[v].get(top.1) {
                    top.1 += 1;
                    if index[w] == NEW {
                        index[w] = next;
                        low[w] = next;
                        next += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        calls.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(u, _)) = calls.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] != index[v] {
                    continue;
                }
                let from = stack.iter().rposition(|&w| w == v).unwrap_or(0);
                for &w in &stack[from..] {
                    on_stack[w] = false;
                }
                emit(&stack[from..]);
                stack.truncate(from);
            }
        }
    }

    /// The shortest way from `start` back to itself through nodes for
    /// which `inside` holds (breadth first), `start` at both ends.
    fn shortest_cycle(&self, start: usize, inside: impl Fn(usize) -> bool) -> Option<Vec<usize>> {
        let mut came_from: std::collections::HashMap<usize, usize> = Default::default();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            for &w in &self.needs[v] {
                if w == start {
                    // Back from `v` to `start`, then turned around.
                    let mut back = Vec::new();
                    let mut at = v;
                    while at != start {
                        back.push(at);
                        at = *came_from.get(&at)?;
                    }
                    let mut path = vec![start];
                    path.extend(back.into_iter().rev());
                    path.push(start);
                    return Some(path);
                }
                if inside(w) && !came_from.contains_key(&w) {
                    came_from.insert(w, v);
                    queue.push_back(w);
                }
            }
        }
        None
    }
}

/// A loop of hand-offs: the shortest cycle through the group's first
/// deliverable (dense numbers, the first repeated at the end) and how many
/// deliverables the group holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    pub path: Vec<usize>,
    pub group: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cycle_per_loop_the_shortest_through_its_first_node() {
        // 0 -> 1 -> 2 -> 0 and 2 -> 1 (one group of three), 3 alone,
        // 4 -> 4 (needs itself), 5 -> 6 -> 5.
        let g = graph(7, &[(0, 1), (1, 2), (2, 0), (2, 1), (4, 4), (5, 6), (6, 5)]);
        let mut found = g.cycles();
        found.sort_by_key(|c| c.path[0]);
        assert_eq!(
            found,
            [
                Cycle {
                    path: vec![0, 1, 2, 0],
                    group: 3
                },
                Cycle {
                    path: vec![4, 4],
                    group: 1
                },
                Cycle {
                    path: vec![5, 6, 5],
                    group: 2
                },
            ]
        );
        assert!(graph(3, &[(0, 1), (1, 2)]).cycles().is_empty());
    }

    #[test]
    fn a_dense_tangle_is_one_group() {
        let n = 300;
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (a, b)))
            .collect();
        let found = graph(n, &pairs).cycles();
        assert_eq!(
            found,
            [Cycle {
                path: vec![0, 1, 0],
                group: n
            }]
        );
    }

    #[test]
    fn the_forward_order_puts_needs_first_and_marks_loops() {
        // 4 needs 2 and 3; 2 and 3 need 1; 1 needs 0; 5 <-> 6; 7 needs 7.
        let g = graph(
            8,
            &[
                (4, 2),
                (4, 3),
                (2, 1),
                (3, 1),
                (1, 0),
                (5, 6),
                (6, 5),
                (7, 7),
            ],
        );
        let (order, in_loop) = g.forward_order();
        let at = |n: usize| order.iter().position(|&m| m == n).expect("listed");
        assert_eq!(order.len(), 8);
        for (needer, needed) in [(4, 2), (4, 3), (2, 1), (3, 1), (1, 0)] {
            assert!(
                at(needed) < at(needer),
                "{needed} before {needer}: {order:?}"
            );
        }
        assert_eq!(
            in_loop,
            [false, false, false, false, false, true, true, true]
        );
    }

    #[test]
    fn edges_keep_each_nodes_list_in_the_order_given() {
        let pairs = [(2, 0), (0, 3), (2, 1), (0, 1), (2, 3)];
        let edges = Edges::from_pairs(5, pairs.iter().copied());
        assert_eq!(&edges[0], &[3, 1]);
        assert!(edges[1].is_empty());
        assert_eq!(&edges[2], &[0, 1, 3]);
        assert!(edges[3].is_empty() && edges[4].is_empty());
        let none = Edges::from_pairs(2, std::iter::empty());
        assert!(none[0].is_empty() && none[1].is_empty());
    }

    /// A graph of `n` deliverables of one program from (needer, needed) pairs.
    fn graph(n: usize, needs: &[(usize, usize)]) -> NeedGraph {
        NeedGraph {
            offsets: vec![0],
            refs: (0..n)
                .map(|index| DeliverableRef { program: 0, index })
                .collect(),
            needs: Edges::from_pairs(n, needs.iter().copied()),
            needed_by: Edges::from_pairs(n, needs.iter().map(|&(i, j)| (j, i))),
        }
    }

    #[test]
    fn trees_are_transitive_depth_first_and_list_each_node_once() {
        // 4 needs 2 and 3; 2 and 3 need 1; 1 needs 0.
        let g = graph(5, &[(4, 2), (4, 3), (2, 1), (3, 1), (1, 0)]);
        assert_eq!(
            g.tree(4, Direction::Upstream, 100),
            [(1, 2), (2, 1), (3, 0), (1, 3)]
        );
        assert_eq!(
            g.tree(0, Direction::Downstream, 100),
            [(1, 1), (2, 2), (3, 4), (2, 3)]
        );
        assert_eq!(g.tree(4, Direction::Upstream, 2).len(), 2);
        assert!(g.tree(0, Direction::Upstream, 100).is_empty());
    }

    #[test]
    fn a_cycle_ends_a_tree() {
        let g = graph(2, &[(0, 1), (1, 0)]);
        assert_eq!(g.tree(0, Direction::Upstream, 100), [(1, 1)]);
        assert_eq!(g.tree(0, Direction::Downstream, 100), [(1, 1)]);
    }
}
