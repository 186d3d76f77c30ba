import Core
import Testing

@Suite struct PagingTests {
    @Test func bad_page_numbers_land_on_a_real_page() {
        #expect(Paging(page: nil, size: nil, total: 5000).page == 1)
        #expect(Paging(page: "0", size: nil, total: 5000).page == 1)
        #expect(Paging(page: "-3", size: nil, total: 5000).page == 1)
        #expect(Paging(page: "abc", size: nil, total: 5000).page == 1)
        #expect(Paging(page: "99999999999999999999", size: nil, total: 5000).page == 100)
        #expect(Paging(page: "101", size: nil, total: 5000).page == 100)
        #expect(Paging(page: "3", size: nil, total: 0).page == 1)
    }

    @Test func sizes_are_brought_to_an_offered_one() {
        #expect(Paging(page: nil, size: "100", total: 10).size == 100)
        #expect(Paging(page: nil, size: "1000000", total: 10).size == 200)
        #expect(Paging(page: nil, size: "0", total: 10).size == 25)
        #expect(Paging(page: nil, size: "x", total: 10).size == Paging.defaultSize)
    }

    @Test func offsets_and_shown_rows() {
        let paging = Paging(page: "3", size: "25", total: 60)
        #expect(paging.pageCount == 3)
        #expect(paging.offset == 50)
        #expect(paging.firstShown == 51)
        #expect(paging.lastShown == 60)
        let empty = Paging(page: nil, size: nil, total: 0)
        #expect(empty.firstShown == 0 && empty.lastShown == 0 && empty.pageCount == 1)
    }

    @Test func the_window_links_ends_and_neighbours_with_gaps() {
        #expect(Paging(page: "10", size: "25", total: 25 * 20).window == [1, nil, 8, 9, 10, 11, 12, nil, 20])
        #expect(Paging(page: "1", size: "25", total: 25 * 3).window == [1, 2, 3])
        #expect(Paging(page: "2", size: "25", total: 25 * 6).window == [1, 2, 3, 4, nil, 6])
    }
}
