package xmltvgen

import "time"

var zones = []*time.Location{
	time.UTC,
	time.FixedZone("CET", 3600),
	time.FixedZone("EET", 2*3600),
	time.FixedZone("EST", -5*3600),
	time.FixedZone("IST", 5*3600+1800),
}

var durations = []int{30, 30, 45, 60, 60, 60, 90, 90, 120, 180}

var countries = []string{"uk", "us", "de", "fr", "it", "es", "nl", "pl", "pt", "se", "ca", "au"}

var brands = []string{
	"BBC", "Sky", "ITV", "Canal", "RTL", "Rai", "TF1", "ZDF", "Fox", "CNN", "Euro", "Star",
	"Nat Geo", "Discovery", "Sport", "Cinema", "Kids", "Music", "History", "Travel", "Arte",
	"Antena", "Nova", "Prima", "Polsat", "TVP", "RTP", "SVT", "NRK", "DR", "Yle", "ORF",
	"Mediaset", "La Sexta", "Cuatro", "Télé", "Comedy", "Crime & Mystery", "Food", "Home",
}

var brandTails = []string{
	"One", "Two", "Three", "News", "Sports", "Movies", "Plus", "Max", "Action", "Comedy",
	"Drama", "24", "World", "Premiere", "Classic", "Family", "Life", "Live", "Extra", "Gold",
}

var titleA = []string{
	"The Great", "Inside", "Secrets of", "Life on", "Escape to", "The Real", "Police",
	"Grand", "Ancient", "Hidden", "Wild", "Deadly", "Amazing", "Extreme", "Mystery of",
	"Return to", "Building", "Highway", "The Last", "Tales from", "Kitchen", "Garden",
	"Market", "Midnight", "Morning", "Evening", "Weekend", "Super", "Little", "Big",
}

var titleB = []string{
	"Bake Off", "Designs", "the Farm", "Cops", "Detectives", "Railway Journeys",
	"Engineering", "Planet", "Islands", "Mountains", "Oceans", "News", "Sport", "Live",
	"Quiz", "Chase", "Kitchen Nightmares", "Auction", "Antiques", "Repair Shop", "Ambulance",
	"Hospital", "Border Patrol", "Motors", "Top Gear", "Countryfile", "Gardeners",
	"Emergency", "Stories", "Cities", "Empires", "Dynasties", "Wildlife", "Survivors",
	"Château", "Café Society", "Frontiers", "Heroes", "Legends", "Rivals",
}

var categories = []string{
	"Movie", "News", "Sports", "Documentary", "Drama", "Comedy", "Kids", "Music",
	"Entertainment", "Lifestyle", "Talk", "Reality", "Nature", "History", "Science",
	"Travel", "Cooking", "Crime", "Game show", "Soap", "Thriller", "Animation",
}

var words = []string{
	"return", "journey", "secret", "storm", "river", "island", "reunion", "market", "winter",
	"summer", "city", "garden", "bridge", "kitchen", "final", "first", "lost", "found",
	"night", "day", "fire", "water", "gold", "silver", "road", "home", "away", "north", "south",
}

var subjects = []string{
	"the team", "a young couple", "our presenter", "the detectives", "a family from Leeds",
	"two friends", "the chef", "an expert panel", "the rescue crew", "the engineers",
	"a retired teacher", "the contestants", "local farmers", "the doctors", "Zoë and Amélie",
	"the inspector", "a group of students", "the mayor", "scientists", "the new owner",
}

var verbs = []string{
	"investigate", "travel to", "rebuild", "discover", "try to save", "return to", "explore",
	"compete for", "restore", "uncover the story of", "take on", "prepare", "search for",
	"celebrate", "follow", "reveal", "defend", "visit", "document", "transform",
}

var objects = []string{
	"a crumbling Victorian house", "the oldest market in town", "a remote Scottish island",
	"a family recipe", "an abandoned railway line", "the missing painting", "a historic ship",
	"the championship title", "a mountain village", "the city's busiest hospital",
	"a vintage sports car", "a rare species of owl", "the royal gardens", "a cold case",
	"the coastal path", "a wedding cake for 300 guests", "the night shift", "a derelict mill",
}

var tails = []string{
	"before the deadline", "with surprising results", "against all odds", "in the pouring rain",
	"with help from the locals", "as tensions rise", "while the clock ticks", "on a tight budget",
	"for the very first time", "despite the weather", "& discover something unexpected",
	"after a long winter", "under the watchful eye of the judges", "across three countries",
}

var people = []string{
	"Jane Smith", "Ahmed Khan", "Maria García", "Li Wei", "John O'Brien", "Søren Nielsen",
	"Anna Kowalska", "Pierre Dubois", "Giulia Rossi", "Tom Baker", "Olga Petrova",
}

var ratings = []string{"U", "PG", "12", "15", "18"}
